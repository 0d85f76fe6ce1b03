import { closeSync, fstatSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";

const ROTATE_BYTES = 5 * 1024 * 1024;

export type Log = (event: Record<string, unknown>) => void;

/**
 * Structured logs: one JSON line per event in the data folder, rotated at 5 MiB (one old file
 * kept). Never stdout: in relay mode stdout carries native-messaging frames. Callers pass
 * only what is safe to keep: never params of signing methods, never a secret.
 *
 * The file stays open in append mode: a line is one write(2), in order and not lost if the
 * process is killed right after, without an open and a close per request on the hot path.
 */
export function createLog(path: string, alsoStderr = false): Log {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let fd: number | undefined;
  let size = 0;
  const open = () => {
    fd = openSync(path, "a", 0o600);
    size = fstatSync(fd).size;
  };
  return (event) => {
    const line = `${JSON.stringify({ time: new Date().toISOString(), pid: process.pid, ...event })}\n`;
    try {
      if (fd === undefined) open();
      if (size + line.length > ROTATE_BYTES) {
        closeSync(fd as number);
        renameSync(path, `${path}.1`);
        open();
      }
      size += writeSync(fd as number, line);
    } catch {
      // A full disk or a deleted folder must not take the wallet down; the event is lost, the
      // request is not. The next event tries a fresh file.
      if (fd !== undefined) {
        try {
          closeSync(fd);
        } catch {
          // Already closed.
        }
      }
      fd = undefined;
    }
    if (alsoStderr) process.stderr.write(line);
  };
}
