import { mkdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/**
 * The host's data folder: `--home DIR`, else `$VAUGHAN_HOME`, else the platform default
 * (docs/architecture.md, "State on disk").
 */
export function resolveHome(
  flag?: string,
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (flag) return flag;
  if (env.VAUGHAN_HOME) return env.VAUGHAN_HOME;
  if (platform === "darwin") return join(homedir(), "Library", "Application Support", "Vaughan");
  if (platform === "win32") return join(env.APPDATA ?? join(homedir(), "AppData", "Roaming"), "Vaughan");
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), ".config"), "vaughan");
}

/** Creates the data folder 0700 when missing. */
export function ensureHome(home: string): void {
  mkdirSync(home, { recursive: true, mode: 0o700 });
}

/**
 * Throws when `path` can be read or written by anyone but its owner. Secrets and the daemon's
 * socket live in the data folder, so a wider folder is a reason to refuse to start.
 */
export function assertPrivate(path: string, expected: "dir" | "file"): void {
  if (process.platform === "win32") return;
  const st = statSync(path);
  const wide = st.mode & 0o077;
  if (wide !== 0) {
    const want = expected === "dir" ? "0700" : "0600";
    throw new Error(
      `${path} is accessible by other users (mode ${(st.mode & 0o777).toString(8)}); expected ${want}`,
    );
  }
}
