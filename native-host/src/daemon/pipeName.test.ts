import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { socketPath } from "./paths.js";
import { newPipeName } from "./pipeName.js";

// The Windows naming logic is plain file handling, so it runs (and is tested) on every OS.
describe("the daemon's named pipe on Windows", () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), "vaughan-pipe-"));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it("is unpredictable: random per daemon start, written down 0600 for the clients, never derived from the folder", () => {
    const absent = socketPath(home, "win32");
    expect(absent).toMatch(/^\\\\\.\\pipe\\vaughan-absent-[0-9a-f]{32}$/);
    expect(socketPath(home, "win32")).not.toBe(absent);

    const first = newPipeName(home);
    expect(first).toMatch(/^\\\\\.\\pipe\\vaughan-[0-9a-f]{32}$/);
    expect(socketPath(home, "win32")).toBe(first);
    if (process.platform !== "win32") expect(statSync(join(home, "daemon.pipe")).mode & 0o777).toBe(0o600);

    const second = newPipeName(home);
    expect(second).not.toBe(first);
    expect(socketPath(home, "win32")).toBe(second);
    expect(socketPath(home, "linux")).toBe(join(home, "daemon.sock"));
  });
});
