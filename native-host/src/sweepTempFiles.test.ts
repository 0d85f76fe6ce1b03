import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { atomicWrite } from "./atomicWrite.js";
import { sweepTempFiles } from "./sweepTempFiles.js";

const dir = mkdtempSync(join(tmpdir(), "vaughan-sweep-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sweepTempFiles", () => {
  it("removes stale atomicWrite leftovers only, and never fresh ones", () => {
    atomicWrite(join(dir, "sites.json"), "{}");
    const old = Date.now() / 1000 - 3600;
    for (const name of [
      ".sites.json.0123456789ab.tmp",
      ".vault.json.0123456789ab.new",
      "..vault.json.0123456789ab.new.ba9876543210.tmp",
    ]) {
      writeFileSync(join(dir, name), "x");
      utimesSync(join(dir, name), old, old);
    }
    writeFileSync(join(dir, ".sites.json.fedcba987654.tmp"), "in flight");
    writeFileSync(join(dir, "notes.tmp"), "not ours");
    expect(sweepTempFiles(dir)).toBe(3);
    expect(readdirSync(dir).sort()).toEqual([".sites.json.fedcba987654.tmp", "notes.tmp", "sites.json"]);
  });
});
