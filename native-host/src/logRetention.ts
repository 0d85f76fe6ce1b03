import { readFileSync } from "node:fs";
import { atomicWrite } from "./atomicWrite.js";

/** Days the log keeps which sites used the wallet unless the settings say otherwise. */
export const DEFAULT_LOG_RETENTION_DAYS = 7;
const DAY_MS = 24 * 3600_000;
/** How long the log keeps which sites used the wallet by default: after this a line loses its `origin`. */
export const ORIGIN_RETENTION_MS = DEFAULT_LOG_RETENTION_DAYS * DAY_MS;

/** The retention of a number of days (the `logRetentionDays` setting), in ms. */
export const retentionMs = (days: number) => days * DAY_MS;
/** How often the daemon forgets origins past the retention (and once when it starts). */
export const ORIGIN_SWEEP_MS = 6 * 3600_000;

// createLog writes `{"time":"<ISO 8601>",…` first on every line, so the time is a fixed slice
// and ISO strings of one format compare in time order: no JSON parse per line.
const TIME = /^\{"time":"([^"]{24})"/;
const ORIGIN_FIELD = /,"origin":"(?:[^"\\]|\\.)*"/g;

/**
 * Removes the `origin` field from every line older than `retention` (7 days by default) in the log
 * and its rotated copy: the log would otherwise be a browsing history of every site that used
 * the provider. Rewrites a file (atomically, 0600) only when a line changed. Returns how many
 * lines lost their origin.
 */
export function forgetOldOrigins(path: string, now = Date.now(), retention = ORIGIN_RETENTION_MS): number {
  const cutoff = new Date(now - retention).toISOString();
  let forgotten = 0;
  for (const file of [`${path}.1`, path]) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    let changed = 0;
    const lines = text.split("\n").map((line) => {
      const time = TIME.exec(line)?.[1];
      if (time === undefined || time >= cutoff || !line.includes(',"origin":"')) return line;
      changed++;
      return line.replace(ORIGIN_FIELD, "");
    });
    if (changed === 0) continue;
    atomicWrite(file, lines.join("\n"));
    forgotten += changed;
  }
  return forgotten;
}
