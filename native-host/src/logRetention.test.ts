import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLog } from "./log.js";
import { forgetOldOrigins, ORIGIN_RETENTION_MS } from "./logRetention.js";

const DAY = 24 * 3600_000;
const NOW = Date.parse("2026-12-06T12:00:00.000Z");
const line = (ago: number, fields: Record<string, unknown>) =>
  JSON.stringify({ time: new Date(NOW - ago).toISOString(), pid: 7, ...fields });

describe("forgetOldOrigins", () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "vaughan-retention-"));
    path = join(dir, "host.log");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("removes the origin of lines older than 7 days, in the log and its rotated copy, and keeps the rest", () => {
    const old = line(8 * DAY, {
      event: "request",
      origin: 'https://a.example"\\x',
      method: "eth_chainId",
      outcome: "ok",
    });
    const oldRotated = line(30 * DAY, { event: "ws.refused", status: 403, origin: "https://evil.example" });
    const recent = line(DAY, {
      event: "request",
      origin: "https://b.example",
      method: "eth_call",
      outcome: "ok",
    });
    const plain = line(9 * DAY, { event: "daemon-start", home: "/h" });
    writeFileSync(`${path}.1`, `${oldRotated}\n`);
    writeFileSync(path, `${plain}\n${old}\n${recent}\n`);

    expect(forgetOldOrigins(path, NOW)).toBe(2);
    const lines = readFileSync(path, "utf8").split("\n");
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0] as string)).toEqual(JSON.parse(plain));
    expect(JSON.parse(lines[1] as string)).toEqual({
      time: new Date(NOW - 8 * DAY).toISOString(),
      pid: 7,
      event: "request",
      method: "eth_chainId",
      outcome: "ok",
    });
    expect(lines[2]).toBe(recent);
    expect(readFileSync(`${path}.1`, "utf8")).not.toContain("evil.example");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // Nothing older left: a second pass changes nothing.
    expect(forgetOldOrigins(path, NOW)).toBe(0);
    expect(forgetOldOrigins(path, NOW + ORIGIN_RETENTION_MS)).toBe(1);
  });

  it("a log rewritten under an open createLog keeps every later line", () => {
    const log = createLog(path);
    log({ event: "request", origin: "https://a.example" });
    log.soon({ event: "request", origin: "https://b.example" });
    log.rewrite(() => forgetOldOrigins(path, Date.now() + ORIGIN_RETENTION_MS + 1000));
    log({ event: "after" });
    const events = readFileSync(path, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(events.map((e) => [e.event, e.origin])).toEqual([
      ["request", undefined],
      ["request", undefined],
      ["after", undefined],
    ]);
  });
});
