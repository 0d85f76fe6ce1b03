import { closeSync, fstatSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";

const ROTATE_BYTES = 5 * 1024 * 1024;
/** How long a `soon` line may wait for others to share its write. */
const SOON_MS = 250;
/** Queued `soon` lines past this many are written at once (~150 bytes each). */
const SOON_MAX_LINES = 256;

type LogEvent = Record<string, unknown>;

/** A structured log. */
export interface Log {
  /** Writes `event` now: one line, one write(2). For everything rare and everything security. */
  (event: LogEvent): void;
  /**
   * Stamps `event` now and writes it within SOON_MS, together with the others queued by then:
   * for the line every request leaves. A write(2) costs as much as answering a request here
   * (~50–100 µs on a waking core), and one per request competed with the answer's own path;
   * 100 requests at once now cost one write, not 100. Lines keep their order, as do the
   * immediate ones written after them; the queue is written at exit, so only a SIGKILL or
   * a power cut can lose what the last SOON_MS queued.
   */
  soon(event: LogEvent): void;
  /**
   * Writes what is queued, runs `task` (which may replace the log files, as the origin
   * retention does), and opens the file afresh on the next write, so no line goes to a
   * replaced file.
   */
  rewrite(task: () => void): void;
}

/**
 * Structured logs: one JSON line per event in the data folder, rotated at 5 MiB (one old file
 * kept). Never stdout: in relay mode stdout carries native-messaging frames. Callers pass
 * only what is safe to keep: never params of signing methods, never a secret.
 *
 * The file stays open in append mode: a write(2) lands whole, in order, and is not lost if the
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
  const line = (time: number, event: LogEvent) =>
    `${JSON.stringify({ time: new Date(time).toISOString(), pid: process.pid, ...event })}\n`;

  const write = (text: string) => {
    try {
      if (fd === undefined) open();
      if (size + text.length > ROTATE_BYTES) {
        closeSync(fd as number);
        renameSync(path, `${path}.1`);
        open();
      }
      size += writeSync(fd as number, text);
    } catch {
      // A full disk or a deleted folder must not take the wallet down; the lines are lost, the
      // requests are not. The next write tries a fresh file.
      if (fd !== undefined) {
        try {
          closeSync(fd);
        } catch {
          // Already closed.
        }
      }
      fd = undefined;
    }
    if (alsoStderr) process.stderr.write(text);
  };

  // Queued as stamped events, not text: JSON.stringify waits for the write, off the request.
  let queue: Array<[number, LogEvent]> = [];
  let timer: NodeJS.Timeout | undefined;
  const queued = (): string => {
    clearTimeout(timer);
    timer = undefined;
    let text = "";
    for (const [time, event] of queue) text += line(time, event);
    queue = [];
    return text;
  };
  const flush = () => {
    if (queue.length > 0) write(queued());
  };
  process.once("exit", flush);

  const log = (event: LogEvent) => write(queued() + line(Date.now(), event));
  log.soon = (event: LogEvent) => {
    queue.push([Date.now(), event]);
    if (queue.length >= SOON_MAX_LINES) flush();
    else if (timer === undefined) timer = setTimeout(flush, SOON_MS).unref();
  };
  log.rewrite = (task: () => void) => {
    flush();
    try {
      task();
    } finally {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    }
  };
  return log;
}
