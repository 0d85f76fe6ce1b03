import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireDaemonLock, lockHolder, lockPath } from "./daemonLock.js";
import { AlreadyRunningError } from "./localServer.js";

describe("daemon lock", () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), "vaughan-lock-"));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it("is held once: a second taker is refused with the holder's pid, and release frees it", () => {
    const release = acquireDaemonLock(home);
    expect(lockHolder(home)?.pid).toBe(process.pid);
    const second = (() => {
      try {
        acquireDaemonLock(home);
      } catch (error) {
        return error;
      }
    })();
    expect(second).toBeInstanceOf(AlreadyRunningError);
    expect((second as Error).message).toBe(`a daemon (pid ${process.pid}) already runs for ${home}`);
    release();
    expect(existsSync(lockPath(home))).toBe(false);
    expect(lockHolder(home)).toBeUndefined();
    acquireDaemonLock(home)();
    expect(readdirSync(home)).toEqual([]);
  });

  it("takes over a lock whose process is gone, one from before this boot, and a corrupt one", () => {
    // A pid that surely exited: a child that has been waited for.
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    for (const stale of [
      JSON.stringify({ pid: dead, since: Date.now() }),
      JSON.stringify({ pid: process.pid, since: 0 }),
      "{",
    ]) {
      writeFileSync(lockPath(home), stale);
      expect(lockHolder(home)).toBeUndefined();
      const release = acquireDaemonLock(home);
      expect(lockHolder(home)?.pid).toBe(process.pid);
      release();
    }
    expect(readdirSync(home)).toEqual([]);
  });
});
