import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEV_EXTENSION_ID } from "../../protocol/extensionId.js";
import { runHost, stopDaemon, TEST_PASSWORD, tempDirs } from "../support/host.js";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node scripts/start.mjs` as `npm start` runs it after the build, with no terminal at all. */
function start(env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      ["scripts/start.mjs"],
      { env, timeout: 60_000 },
      (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
    // stdin a closed pipe, not a terminal: the script must not wait for input.
    child.stdin?.end();
  });
}

/** First run: `npm start` in a fresh HOME without a terminal. */
describe("npm start", () => {
  const dirs = tempDirs();
  mkdirSync(dirs.fakeHome, { recursive: true });
  const { XDG_CONFIG_HOME: _ignored, ...base } = process.env;
  const env = { ...base, HOME: dirs.fakeHome, VAUGHAN_HOME: dirs.home };
  afterAll(() => dirs.cleanup());

  it("without a terminal or a password file, says what to run and exits 1", async () => {
    const run = await start(env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`No wallet in ${dirs.home} yet, and no terminal to ask for a password.`);
    expect(run.stderr).toContain("VAUGHAN_PASSWORD_FILE");
    expect(existsSync(join(dirs.home, "vault.json"))).toBe(false);
    expect((await runHost(["status", "--json"], dirs)).stdout).toContain('"running":false');
  });

  it("with VAUGHAN_PASSWORD_FILE: registers, creates the wallet, starts the daemon, says what to load", async () => {
    const passwordFile = join(dirs.root, "password.txt");
    writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
    const run = await start({ ...env, VAUGHAN_PASSWORD_FILE: passwordFile });
    expect(run.code, run.stderr).toBe(0);

    // Registration: chromium is on PATH here, so `auto` finds it and writes its manifest.
    const manifestPath = join(dirs.fakeHome, ".config/chromium/NativeMessagingHosts/io.vaughan.host.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    expect(manifest.name).toBe("io.vaughan.host");
    expect(manifest.allowed_origins).toContain(`chrome-extension://${DEV_EXTENSION_ID}/`);
    expect(existsSync(manifest.path)).toBe(true);

    // The wallet: one account, and its phrase shown once with the warning.
    const address = /Wallet created: (0x[0-9a-fA-F]{40})/.exec(run.stdout)?.[1];
    expect(address).toBeDefined();
    expect((await runHost(["accounts"], dirs)).stdout).toContain(address);
    expect(run.stderr).toContain("Your recovery phrase. Write it down on paper");
    expect(run.stderr).toContain("It is shown once.");
    expect(run.stderr).toMatch(/^ {4}([a-z]+ ){11}[a-z]+$/m);

    // The daemon, detached as the relay would start it.
    const pid = Number(/Daemon started \(pid (\d+)/.exec(run.stdout)?.[1]);
    const status = JSON.parse((await runHost(["status", "--json"], dirs)).stdout);
    expect(status).toMatchObject({ running: true, pid, hasVault: true, locked: true });

    expect(run.stdout).toContain(`folder: ${join(process.cwd(), "dist/chrome")}`);
    expect(run.stdout).toContain(`id:     ${DEV_EXTENSION_ID}`);
    expect(run.stdout).toContain(
      "chromium: open chrome://extensions → turn on Developer mode → Load unpacked",
    );
    expect(run.stdout).toMatch(/vaughan-host\.mjs status$/m);
    expect(run.stderr).toMatch(/^✓ Registering the native host for the browsers found \(\d+\.\d s\)$/m);
  });

  it("run again, it finds the wallet and the running daemon and changes nothing", async () => {
    const before = JSON.parse((await runHost(["status", "--json"], dirs)).stdout);
    const run = await start(env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`✓ Wallet found in ${dirs.home}`);
    expect(run.stdout).toContain(`✓ Daemon already running (pid ${before.pid})`);
    await stopDaemon(dirs.home);
    expect(JSON.parse((await runHost(["status", "--json"], dirs)).stdout).running).toBe(false);
  });
});
