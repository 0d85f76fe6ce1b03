import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLog } from "./log.js";

describe("createLog", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "vaughan-log-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes one JSON line per event to a 0600 file in a 0700 folder", () => {
    const path = join(dir, "logs", "host.log");
    const log = createLog(path);
    log({ event: "a", n: 1 });
    log({ event: "b" });
    const lines = readFileSync(path, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.event)).toEqual(["a", "b"]);
    expect(lines[0]).toMatchObject({ n: 1, pid: process.pid });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "logs")).mode & 0o777).toBe(0o700);
  });

  it("rotates at 5 MiB, keeping one old file", () => {
    const path = join(dir, "host.log");
    const log = createLog(path);
    const filler = "x".repeat(1000);
    for (let i = 0; i < 6000; i++) log({ event: "fill", i, filler });
    expect(statSync(`${path}.1`).size).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(statSync(path).size).toBeLessThan(5 * 1024 * 1024);
    const last = readFileSync(path, "utf8").trim().split("\n").at(-1) as string;
    expect(JSON.parse(last).i).toBe(5999);
  });

  it("never throws when its folder is deleted under it", () => {
    const path = join(dir, "host.log");
    const log = createLog(path);
    log({ event: "before" });
    rmSync(dir, { recursive: true, force: true });
    expect(() => log({ event: "lost" })).not.toThrow();
  });
});
