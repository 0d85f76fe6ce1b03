import { LOG_RETENTION_DAYS_MAX } from "../../../protocol/ui.js";
import type { Io } from "../cli.js";
import { parseFlags, UsageError } from "../cliArgs.js";
import { callDaemon } from "../daemon/client.js";
import { isListening } from "../daemon/localServer.js";
import { socketPath } from "../daemon/paths.js";
import { ensureHome } from "../home.js";
import { SettingsStore } from "../stores/settings.js";

function wholeNumber(text: string | undefined, what: string, max: number): number {
  const n = Number(text);
  if (!text || !Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`${what} must be a whole number from 1 to ${max}`);
  return n;
}

/**
 * `settings [--json]`, `settings log-retention DAYS`, `settings auto-lock MINUTES`: the host's
 * settings, as the options page's Settings section changes them. A running daemon applies a
 * change at once (it reads the file again).
 */
export async function settingsCommand(home: string, args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  ensureHome(home);
  const store = new SettingsStore(home);
  if (sub === undefined || sub.startsWith("--")) {
    const { booleans } = parseFlags(args, { booleans: ["json"] });
    const { autoLockMinutes, logRetentionDays } = store.get();
    if (booleans.has("json")) io.stdout(`${JSON.stringify({ autoLockMinutes, logRetentionDays })}\n`);
    else io.stdout(`auto-lock: ${autoLockMinutes} minutes\nlog retention: ${logRetentionDays} days\n`);
    return 0;
  }
  const { positional } = parseFlags(rest, {});
  if (positional.length !== 1) throw new UsageError(`settings ${sub} needs one value`);
  switch (sub) {
    case "log-retention": {
      const days = wholeNumber(positional[0], "DAYS", LOG_RETENTION_DAYS_MAX);
      store.update((s) => {
        s.logRetentionDays = days;
      });
      io.stdout(`log retention: ${days} days\n`);
      break;
    }
    case "auto-lock": {
      const minutes = wholeNumber(positional[0], "MINUTES", 24 * 60);
      store.update((s) => {
        s.autoLockMinutes = minutes;
      });
      io.stdout(`auto-lock: ${minutes} minutes\n`);
      break;
    }
    default:
      throw new UsageError("settings needs log-retention DAYS or auto-lock MINUTES (or --json)");
  }
  if (await isListening(socketPath(home))) await callDaemon(home, "vaughan_reload");
  return 0;
}
