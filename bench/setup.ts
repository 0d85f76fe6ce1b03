import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync } from "node:fs";
import { logPath } from "../native-host/src/daemon/paths.js";
import { SiteStore } from "../native-host/src/stores/sites.js";
import {
  HOST_SCRIPT,
  initTestVault,
  runHost,
  TEST_ADDRESS_0,
  type TempDirs,
  tempDirs,
} from "../test/support/host.js";
import { sleep } from "./stats.js";

/** Origins granted the test account before the daemon starts (the signing benchmark needs them). */
export const SIGN_ORIGINS = Array.from({ length: 40 }, (_, i) => `https://sign-${i}.bench.example`);
/** Origins of the simulation benchmark: never used before it, so they follow the default chain it sets. */
export const SIMULATE_ORIGINS = Array.from({ length: 20 }, (_, i) => `https://simulate-${i}.bench.example`);

/** A data folder with a vault and a daemon this process owns (not detached: one pid to stop). */
export interface BenchHost {
  dirs: TempDirs;
  daemon: ChildProcess;
  pid: number;
  wsPort: number;
  /** The daemon's last output (stdout and stderr), for when it dies mid-run. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `vaughan-host serve` as this process's child on a fresh data folder and waits for its WebSocket. */
export async function startBenchHost(): Promise<BenchHost> {
  const dirs = tempDirs();
  try {
    return await startIn(dirs);
  } catch (error) {
    await dirs.cleanup();
    throw error;
  }
}

async function startIn(dirs: TempDirs): Promise<BenchHost> {
  await initTestVault(dirs);
  const sites = new SiteStore(dirs.home);
  for (const origin of [...SIGN_ORIGINS, ...SIMULATE_ORIGINS]) sites.grant(origin, [TEST_ADDRESS_0]);
  // `--detached`, as the relay starts it: the log goes to its file only. In the foreground it
  // also copies every line to stderr, a pipe this process would have to read on each request.
  const daemon = spawn(process.execPath, [HOST_SCRIPT, "serve", "--home", dirs.home, "--detached"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-8192);
  };
  daemon.stdout?.on("data", keep);
  daemon.stderr?.on("data", keep);
  const wsPort = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`daemon did not start: ${out}`)), 15_000);
    daemon.stdout?.on("data", () => {
      const match = /listening ws:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  // The local socket is up once status sees the daemon.
  for (let i = 0; i < 100; i++) {
    const status = await runHost(["status", "--json"], dirs);
    if (status.stdout.includes('"running":true')) break;
    await sleep(50);
  }
  return {
    dirs,
    daemon,
    pid: daemon.pid as number,
    wsPort,
    output: () => out,
    async stop() {
      if (daemon.exitCode === null) {
        const exited = new Promise((resolve) => daemon.once("exit", resolve));
        daemon.kill("SIGTERM");
        const timer = setTimeout(() => daemon.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
      // BENCH_LOG=path keeps the daemon's log for diagnosis; the data folder itself always goes.
      if (process.env.BENCH_LOG) copyFileSync(logPath(dirs.home), process.env.BENCH_LOG);
      await dirs.cleanup();
    },
  };
}
