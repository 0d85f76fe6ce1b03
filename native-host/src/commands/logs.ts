import { existsSync, truncateSync, unlinkSync } from "node:fs";
import type { Io } from "../cli.js";
import { parseFlags } from "../cliArgs.js";
import { logPath } from "../daemon/paths.js";

/**
 * `logs [--clear]`: prints where the log files are, or empties them. The running daemon keeps
 * its file open in append mode, so the live file is truncated in place (its next line lands at
 * the start) rather than removed; the rotated copy is removed.
 */
export function logsCommand(home: string, args: string[], io: Io): number {
  const { booleans } = parseFlags(args, { booleans: ["clear"] });
  const path = logPath(home);
  const files = [path, `${path}.1`].filter((file) => existsSync(file));
  if (!booleans.has("clear")) {
    for (const file of files) io.stdout(`${file}\n`);
    return 0;
  }
  if (existsSync(path)) truncateSync(path, 0);
  if (existsSync(`${path}.1`)) unlinkSync(`${path}.1`);
  io.stdout(`cleared ${files.length === 0 ? "nothing (no log yet)" : files.join(", ")}\n`);
  return 0;
}
