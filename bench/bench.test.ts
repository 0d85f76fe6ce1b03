import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const out = mkdtempSync(join(tmpdir(), "vaughan-bench-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/**
 * CI runs the quick bench only to prove it works: well-formed results, every figure
 * a finite number, every floor measured in the same run. No speed is asserted here.
 */
describe("npm run bench (quick)", () => {
  it("writes well-formed results.json and results.md", { timeout: 240_000 }, () => {
    const run = spawnSync(process.execPath, ["bench/run.mjs"], {
      env: { ...process.env, BENCH_QUICK: "1", BENCH_OUT: out },
      encoding: "utf8",
      timeout: 230_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as {
      quick: boolean;
      figures: Array<Record<string, unknown>>;
    };
    expect(results.quick).toBe(true);
    const names = results.figures.map((f) => f.name as string);
    for (const expected of [
      "page → host → page wallet_getPermissions (native), p50",
      "WebSocket throughput, 100 clients",
      "MAIN-world script (dist/chrome/inpage.js)",
      "signing after approval (personal_sign), p50",
      "approval → approval-update, simulation on (anvil), p50",
    ]) {
      expect(names).toContain(expected);
    }
    for (const f of results.figures) {
      expect(Number.isFinite(f.value), String(f.name)).toBe(true);
      if (f.floor !== null) {
        expect(Number.isFinite(f.floor) && (f.floor as number) > 0, String(f.name)).toBe(true);
        expect(f.ratio).toBeCloseTo((f.value as number) / (f.floor as number), 1);
      }
    }
    const table = readFileSync(join(out, "results.md"), "utf8");
    expect(table).toContain("| figure | value | floor (same run) | ratio | goal | samples |");
    expect(run.stdout).toContain(table.split("\n")[2]);
  });
});
