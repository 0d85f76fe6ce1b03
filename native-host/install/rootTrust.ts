import { realpathSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Why root must not run `file` (or let every user's browser run it), or undefined when it may:
 * the file and every folder above it must belong to root and be writable by nobody else, or
 * another user could swap in their own program (`install --scope system` points every user's
 * browser at it; `status` as root runs the node a manifest names). A world-writable folder
 * with the sticky bit (/tmp) passes: others cannot rename or remove root's entries there.
 * Symbolic links are resolved first, so the check is on the file that would run. POSIX only.
 */
export function rootTrustProblem(file: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return `${file} does not exist`;
  }
  let current = real;
  for (;;) {
    const st = statSync(current);
    if (st.uid !== 0) return `${current} belongs to uid ${st.uid}, not root`;
    const sticky = st.isDirectory() && (st.mode & 0o1000) !== 0;
    if ((st.mode & 0o022) !== 0 && !sticky)
      return `${current} is writable by ${st.mode & 0o002 ? "every user" : "its group"}`;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** True when this process runs as root (POSIX); Windows has no uid and no such check. */
export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}
