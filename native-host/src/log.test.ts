import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLog } from "./log.js";

/** The file's lines, parsed; none when it does not exist yet. */
const read = (path: string): Array<Record<string, unknown>> =>
  existsSync(path)
    ? readFileSync(path, "utf8")
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];

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

  it("queues soon lines, stamped when they happen, and writes them together shortly after", async () => {
    const path = join(dir, "host.log");
    const log = createLog(path);
    const before = Date.now();
    log.soon({ event: "request", n: 1 });
    log.soon({ event: "request", n: 2 });
    expect(read(path)).toEqual([]);
    await expect.poll(() => read(path).map((l) => l.n)).toEqual([1, 2]);
    const stamped = Date.parse(read(path)[0]?.time as string);
    expect(stamped).toBeGreaterThanOrEqual(before);
    expect(stamped).toBeLessThanOrEqual(before + 100);
  });

  it("writes queued lines before a line written at once, keeping their order", () => {
    const path = join(dir, "host.log");
    const log = createLog(path);
    log.soon({ event: "request", n: 1 });
    log({ event: "refused", n: 2 });
    expect(read(path).map((l) => l.n)).toEqual([1, 2]);
  });

  it("writes a full queue at once", () => {
    const path = join(dir, "host.log");
    const log = createLog(path);
    for (let n = 0; n < 255; n++) log.soon({ event: "request", n });
    expect(read(path)).toEqual([]);
    log.soon({ event: "request", n: 255 });
    expect(read(path).map((l) => l.n)).toEqual(Array.from({ length: 256 }, (_, n) => n));
  });

  it.each(["process.exit", "the loop running out"])("writes what is queued at exit (%s)", async (how) => {
    const child = join(dir, "child.mjs");
    await build({
      stdin: {
        contents: `import { createLog } from ${JSON.stringify(resolve("native-host/src/log.ts"))};
          createLog(process.argv[2]).soon({ event: "request", n: 1 });
          if (process.argv[3] === "process.exit") process.exit(0);`,
        resolveDir: process.cwd(),
        loader: "ts",
      },
      bundle: true,
      platform: "node",
      format: "esm",
      outfile: child,
      logLevel: "error",
    });
    const path = join(dir, "host.log");
    expect(spawnSync(process.execPath, [child, path, how]).status).toBe(0);
    expect(read(path).map((l) => l.n)).toEqual([1]);
  });
});
