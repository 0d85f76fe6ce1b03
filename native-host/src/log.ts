import { appendFileSync, mkdirSync, renameSync, statSync } from "node:fs";
import { dirname } from "node:path";

const ROTATE_BYTES = 5 * 1024 * 1024;

export type Log = (event: Record<string, unknown>) => void;

/**
 * Structured logs: one JSON line per event in the data folder, rotated at 5 MiB (one old file
 * kept). Never stdout: in relay mode stdout carries native-messaging frames. Callers pass
 * only what is safe to keep: never params of signing methods, never a secret.
 */
export function createLog(path: string, alsoStderr = false): Log {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    size = 0;
  }
  return (event) => {
    const line = `${JSON.stringify({ time: new Date().toISOString(), pid: process.pid, ...event })}\n`;
    try {
      if (size + line.length > ROTATE_BYTES) {
        renameSync(path, `${path}.1`);
        size = 0;
      }
      appendFileSync(path, line, { mode: 0o600 });
      size += line.length;
    } catch {
      // A full disk must not take the wallet down; the event is lost, the request is not.
    }
    if (alsoStderr) process.stderr.write(line);
  };
}
