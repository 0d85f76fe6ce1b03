// Bundles the TypeScript benchmarks with esbuild (packages stay external, resolved from the
// repository's node_modules) and runs them. `npm run bench` builds dist/ first.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { build } from "esbuild";

mkdirSync(".tmp/bench", { recursive: true });
await build({
  entryPoints: ["bench/main.ts"],
  outfile: ".tmp/bench/main.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "error",
});
const run = spawnSync(process.execPath, [".tmp/bench/main.mjs"], { stdio: "inherit" });
process.exit(run.status ?? 1);
