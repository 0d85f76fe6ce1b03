import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOST_SCRIPT, runHost, runHostOk, type TempDirs, tempDirs } from "./support/host.js";

const DAY = 24 * 3600_000;

/** The log forgets which sites used the wallet after 7 days, and `logs --clear` forgets at once. */
describe("host.log privacy", () => {
  let dirs: TempDirs;
  let log: string;
  beforeAll(async () => {
    dirs = tempDirs();
    log = join(dirs.home, "logs", "host.log");
    mkdirSync(join(dirs.home, "logs"), { recursive: true, mode: 0o700 });
    const at = (ago: number) => new Date(Date.now() - ago).toISOString();
    writeFileSync(
      log,
      [
        JSON.stringify({
          time: at(8 * DAY),
          pid: 1,
          event: "request",
          origin: "https://old.example",
          method: "eth_chainId",
        }),
        JSON.stringify({
          time: at(DAY),
          pid: 1,
          event: "request",
          origin: "https://new.example",
          method: "eth_chainId",
        }),
        "",
      ].join("\n"),
      { mode: 0o600 },
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

  it("the daemon starts by removing origins older than 7 days", () => {
    const text = readFileSync(log, "utf8");
    expect(text).not.toContain("old.example");
    expect(text).toContain("new.example");
  });

  it("logs --clear empties the log in place; the running daemon keeps writing to it", async () => {
    expect((await runHostOk(["logs"], dirs)).stdout).toBe(`${log}\n`);
    expect(await runHost(["logs", "--clear"], dirs)).toEqual({
      code: 0,
      stdout: `cleared ${log}\n`,
      stderr: "",
    });
    expect(statSync(log).size).toBe(0);
    await runHostOk(["lock"], dirs);
    const after = readFileSync(log, "utf8");
    expect(after.startsWith('{"time":')).toBe(true);
    expect(after).not.toContain("new.example");
  }, 30_000);
});
