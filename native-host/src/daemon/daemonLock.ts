import { randomBytes } from "node:crypto";
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { uptime } from "node:os";
import { join } from "node:path";
import { AlreadyRunningError } from "./localServer.js";

/** Who holds a data folder's daemon lock. */
export interface LockHolder {
  pid: number;
  /** When the holder took the lock, ms since the epoch. */
  since: number;
}

/** The lock file: one daemon per data folder, whatever started it (two relays at login, a CLI). */
export function lockPath(home: string): string {
  return join(home, "daemon.lock");
}

/** The lock's holder while that process lives; undefined for no lock, a stale one or a corrupt one. */
export function lockHolder(home: string): LockHolder | undefined {
  const holder = readHolder(lockPath(home));
  return holder && isLive(holder) ? holder : undefined;
}

/**
 * Takes the data folder's daemon lock, or throws {@link AlreadyRunningError} naming the live
 * daemon that holds it. The lock file is written whole beside it and hard-linked into place:
 * link(2) fails when the name exists, so of two daemons starting at once exactly one wins, and
 * nobody ever reads a half-written lock. A lock whose process is gone (killed, crashed, from
 * before a reboot) is taken over. Returns the release function, also run at process exit.
 */
export function acquireDaemonLock(home: string): () => void {
  const path = lockPath(home);
  const mine: LockHolder = { pid: process.pid, since: Date.now() };
  const draft = tempName(home);
  writeFileSync(draft, JSON.stringify(mine), { mode: 0o600, flag: "wx" });
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(draft, path);
        const release = () => {
          process.off("exit", release);
          if (readHolder(path)?.pid === mine.pid) unlinkQuietly(path);
        };
        process.once("exit", release);
        return release;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const holder = readHolder(path);
      if (holder && isLive(holder)) throw alreadyRunning(home, holder);
      takeOverStale(home);
    }
    throw new AlreadyRunningError(`could not take ${path}: another daemon keeps starting`);
  } finally {
    unlinkQuietly(draft);
  }
}

/**
 * Moves a stale lock aside. Two daemons may both find it stale; if the one that moved it
 * finds it moved a live holder's fresh lock instead (the other won meanwhile), it puts it back
 * and gives way.
 */
function takeOverStale(home: string): void {
  const path = lockPath(home);
  const aside = tempName(home);
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const moved = readHolder(aside);
  if (moved && isLive(moved)) {
    try {
      linkSync(aside, path);
    } catch {
      // Someone else holds it now; they are the live daemon either way.
    }
    unlinkQuietly(aside);
    throw alreadyRunning(home, moved);
  }
  unlinkQuietly(aside);
}

function alreadyRunning(home: string, holder: LockHolder): AlreadyRunningError {
  return new AlreadyRunningError(`a daemon (pid ${holder.pid}) already runs for ${home}`);
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const value = JSON.parse(readFileSync(path, "utf8")) as Partial<LockHolder>;
    if (Number.isInteger(value.pid) && (value.pid as number) > 0 && typeof value.since === "number")
      return { pid: value.pid as number, since: value.since };
  } catch {
    // Missing or corrupt: no holder.
  }
  return undefined;
}

/**
 * Whether the holder still runs: its pid exists (EPERM means it does, as another user's) and
 * it took the lock after this boot, so a pid reused since a reboot does not count.
 */
function isLive(holder: LockHolder): boolean {
  if (holder.since < Date.now() - uptime() * 1000) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A name sweepTempFiles recognizes, should a kill leave it behind. */
function tempName(home: string): string {
  return join(home, `.daemon.lock.${randomBytes(6).toString("hex")}.tmp`);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
