// `npm test`: builds, runs every vitest suite, and ends with one plain summary line
// ("Tests: N passed, N failed, N skipped") that CI can read. Exits with vitest's code. The lint
// and the type check run as one of those suites (test/static.test.ts).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";

const build = spawnSync(process.execPath, ["build.mjs"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

mkdirSync(".tmp", { recursive: true });
const report = ".tmp/vitest-report.json";
rmSync(report, { force: true });
const vitest = spawnSync(
  process.execPath,
  [
    "node_modules/vitest/vitest.mjs",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
try {
  const r = JSON.parse(readFileSync(report, "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`\nTests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
} catch {
  console.log("\nTests: 0 passed, 1 failed (no report: the run did not finish)");
}
process.exit(vitest.status ?? 1);
