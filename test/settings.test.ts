import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOST_SCRIPT, runHost, runHostOk, type TempDirs, tempDirs } from "./support/host.js";

const DAY = 24 * 3600_000;

/** The log retention is a setting the running daemon applies at once; `settings` reads and checks it. */
describe("settings (CLI and daemon)", () => {
  let dirs: TempDirs;
  let log: string;
  beforeAll(async () => {
    dirs = tempDirs();
    log = join(dirs.home, "logs", "host.log");
    mkdirSync(join(dirs.home, "logs"), { recursive: true, mode: 0o700 });
    const line = (ago: number, origin: string) =>
      JSON.stringify({
        time: new Date(Date.now() - ago).toISOString(),
        pid: 1,
        event: "request",
        origin,
        method: "eth_chainId",
      });
    writeFileSync(
      log,
      `${line(3 * DAY, "https://three-days.example")}\n${line(DAY / 2, "https://today.example")}\n`,
      {
        mode: 0o600,
      },
    );
    const child = spawn(process.execPath, [HOST_SCRIPT, "serve", "--port", "0", "--detached"], {
      env: { ...process.env, VAUGHAN_HOME: dirs.home, HOME: dirs.fakeHome },
      stdio: ["ignore", "pipe", "ignore"],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on("data", (c: Buffer) => c.toString().includes("listening") && resolve());
      child.once("exit", (code) => reject(new Error(`serve exited ${code}`)));
    });
  }, 30_000);
  afterAll(() => dirs.cleanup());

  it("shows the defaults: 15 idle minutes, 7 days", async () => {
    expect(JSON.parse((await runHostOk(["settings", "--json"], dirs)).stdout)).toEqual({
      autoLockMinutes: 15,
      logRetentionDays: 7,
    });
    expect(readFileSync(log, "utf8")).toContain("three-days.example");
  });

  it("a shorter retention makes the running daemon forget older origins at once", async () => {
    expect(await runHost(["settings", "log-retention", "1"], dirs)).toEqual({
      code: 0,
      stdout: "log retention: 1 day\n",
      stderr: "",
    });
    await expect.poll(() => readFileSync(log, "utf8").includes("three-days.example")).toBe(false);
    expect(readFileSync(log, "utf8")).toContain("today.example");
    expect(JSON.parse((await runHostOk(["settings", "--json"], dirs)).stdout).logRetentionDays).toBe(1);
  }, 30_000);

  it("exits 2 for a value out of range", async () => {
    expect(await runHost(["settings", "log-retention", "0"], dirs)).toEqual({
      code: 2,
      stdout: "",
      stderr: "vaughan-host: DAYS must be a whole number from 1 to 365 (run 'vaughan-host help')\n",
    });
    expect((await runHost(["settings", "auto-lock", "abc"], dirs)).stderr).toBe(
      "vaughan-host: MINUTES must be a whole number from 1 to 1440 (run 'vaughan-host help')\n",
    );
  });
});
