import { lstatSync, readdirSync, unlinkSync } from "node:fs";
import { join } from "node:path";

/** Names atomicWrite gives its temp files (`.<name>.<12 hex>.tmp`) and the vault's staging file (`.new`). */
const TEMP_NAME = /^\..+\.[0-9a-f]{12}\.(tmp|new)$/;

/**
 * Removes the temp files that atomicWrite leaves when its process is killed between creating
 * and renaming one (seen: ~1 in 5 SIGKILLs during writes, test/reliability/persistence.test.ts).
 * They would pile up forever, and a stale vault copy sealed under an old password must not
 * outlive a password change. Only files older than `olderThanMs` go, so a write in flight in
 * another process (the CLI while the daemon starts) is never pulled from under it.
 * Returns how many were removed.
 */
export function sweepTempFiles(dir: string, olderThanMs = 60_000, now = Date.now()): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!TEMP_NAME.test(name)) continue;
    const path = join(dir, name);
    try {
      const stat = lstatSync(path);
      if (!stat.isFile() || now - stat.mtimeMs < olderThanMs) continue;
      unlinkSync(path);
      removed++;
    } catch {
      // Gone already (another sweeper, or the writer renamed it): nothing to do.
    }
  }
  return removed;
}
