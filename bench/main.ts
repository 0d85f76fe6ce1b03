/**
 * `npm run bench`: every figure against a floor measured in the same run, written
 * to bench/results.json and bench/results.md and printed. BENCH_QUICK=1 runs a short version
 * (CI proves it works; its figures are too few to mean much).
 */
import { writeFileSync } from "node:fs";
import { benchBrowser } from "./browserBench.js";
import { benchColdStart, benchSigning } from "./hostBench.js";
import { type BenchHost, startBenchHost } from "./setup.js";
import { benchSimulation } from "./simulationBench.js";
import type { Figure } from "./stats.js";
import { benchWebSocket } from "./wsBench.js";

const quick = process.env.BENCH_QUICK === "1";
const out = process.env.BENCH_OUT ?? "bench";

function markdown(figures: Figure[]): string {
  const rows = figures.map((f) => {
    const ratio = f.ratio === null ? "" : `${f.ratio.toFixed(2)}×`;
    const floor = f.floor === null ? "" : `${f.floor} (${f.floorName})`;
    return `| ${f.name} | ${f.value} ${f.unit} | ${floor} | ${ratio} | ${f.goal ?? ""} | ${f.samples} |`;
  });
  return [
    `Vaughan benchmarks${quick ? " (quick run)" : ""}, ${new Date().toISOString()}, node ${process.version}`,
    "",
    "| figure | value | floor (same run) | ratio | goal | samples |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

/**
 * BENCH_SECTIONS=browser,ws picks sections (all by default); BENCH_NAV_RUNS=N sets the
 * navigations, BENCH_WORKER_STOP_RUNS=N those after a stopped service worker.
 */
const navRuns = process.env.BENCH_NAV_RUNS ? Number(process.env.BENCH_NAV_RUNS) : undefined;
const workerStopRuns = process.env.BENCH_WORKER_STOP_RUNS
  ? Number(process.env.BENCH_WORKER_STOP_RUNS)
  : undefined;
const only = process.env.BENCH_SECTIONS?.split(",");
const sections: Array<[string, (host: BenchHost) => Promise<Figure[]>]> = [
  ["cold", (host) => benchColdStart(host, quick ? 2 : 10)],
  // Bursts and navigations swing most between runs (one burst ±30 %): they get the most rounds.
  // 1,600 round trips a side through each whole path: p99 is the 16th slowest, where with 800 a
  // few clusters of the machine's stalls decided it (bench/README.md).
  [
    "browser",
    (host) =>
      benchBrowser(host, {
        pathRuns: quick ? 40 : 1600,
        runs: quick ? 40 : 800,
        navRuns: navRuns ?? (quick ? 4 : 80),
        workerStopRuns: workerStopRuns ?? (quick ? 4 : 40),
        burstRounds: quick ? 1 : 60,
      }),
  ],
  [
    "ws",
    (host) => benchWebSocket(host, quick ? { rounds: 4, warmRounds: 2 } : { rounds: 16, warmRounds: 8 }),
  ],
  ["sign", (host) => benchSigning(host, quick ? 3 : 20)],
  ["simulate", (host) => benchSimulation(host, quick ? 3 : 30)],
];
const host = await startBenchHost();
const figures: Figure[] = [];
const errors: string[] = [];
try {
  for (const [name, run] of sections) {
    if (only && !only.includes(name)) continue;
    // One section failing must not hide the others' figures; the failure is reported.
    try {
      figures.push(...(await run(host)));
    } catch (error) {
      errors.push(`${name}: ${(error as Error).message}`);
    }
    if (host.daemon.exitCode !== null || host.daemon.signalCode !== null) {
      errors.push(
        `the daemon died during "${name}" (${host.daemon.exitCode ?? host.daemon.signalCode}): ${host.output()}`,
      );
      break;
    }
  }
} finally {
  await host.stop();
}
const table = markdown(figures);
writeFileSync(
  `${out}/results.json`,
  `${JSON.stringify({ quick, date: new Date().toISOString(), node: process.version, figures, errors }, null, 2)}\n`,
);
writeFileSync(`${out}/results.md`, table);
process.stdout.write(table);
for (const error of errors) process.stderr.write(`bench: ${error}\n`);
process.exitCode = errors.length > 0 ? 1 : 0;
