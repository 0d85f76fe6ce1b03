import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { atomicWrite } from "../atomicWrite.js";

/** Where the running daemon's named pipe is written down (Windows), 0600 in the data folder. */
const PIPE_FILE = "daemon.pipe";
const PIPE_NAME = /^\\\\\.\\pipe\\vaughan-[0-9a-f]{32}$/;

const randomPipe = (kind: string) => `\\\\.\\pipe\\vaughan-${kind}${randomBytes(16).toString("hex")}`;

/**
 * A fresh, unpredictable pipe name for a daemon about to listen, written to the data folder
 * for its clients. A name derived from the folder (as before) let another user create the pipe
 * first and receive the unlock password; a new random name per start cannot be taken in
 * advance, and the user's %APPDATA% is readable by that user alone. Pipe names can be listed
 * by anyone while in use, so a name seen earlier could still be squatted after the daemon
 * stops: the clients' proof exchange (serverProof.ts) makes that a refusal, never a leak.
 */
export function newPipeName(home: string): string {
  const name = randomPipe("");
  atomicWrite(join(home, PIPE_FILE), name);
  return name;
}

/**
 * The running daemon's pipe, or, when none was written down (no daemon yet), a random name
 * nobody listens on, so the caller sees "not running" and never a guessable name.
 */
export function currentPipeName(home: string): string {
  try {
    const name = readFileSync(join(home, PIPE_FILE), "utf8");
    if (PIPE_NAME.test(name)) return name;
  } catch {
    // No daemon has started here yet.
  }
  return randomPipe("absent-");
}
