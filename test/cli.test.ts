import { spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOST_SCRIPT, runHost, type TempDirs, tempDirs } from "./support/host.js";

const KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const ADDRESS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

/** The host's command line as a user scripts it (docs/interface.md). */
describe("vaughan-host CLI", () => {
  let dirs: TempDirs;
  let other: TempDirs;
  const file = (name: string, text: string) => {
    const path = join(dirs.root, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(() => {
    dirs = tempDirs();
    other = tempDirs();
  });
  afterAll(async () => {
    await dirs.cleanup();
    await other.cleanup();
  });

  it("imports a private key, prints its address, and refuses to overwrite the vault", async () => {
    const password = file("pw", "a long enough password\n");
    const key = file("key", `${KEY}\n`);
    const init = await runHost(["init", "--password-file", password, "--private-key-file", key], dirs);
    expect(init).toMatchObject({ code: 0, stdout: `${ADDRESS}\n` });
    const again = await runHost(["init", "--password-file", password, "--private-key-file", key], dirs);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      `vaughan-host: a wallet already exists in ${dirs.home}; refusing to overwrite it\n`,
    );
    expect(JSON.parse((await runHost(["accounts", "--json"], dirs)).stdout)).toEqual([
      { address: ADDRESS, name: "Account 1" },
    ]);
  });

  it("exports a v3 keystore that another vault imports to the same address", async () => {
    const password = file("pw", "a long enough password\n");
    const exported = await runHost(
      ["export-keystore", "--address", ADDRESS, "--password-file", password],
      dirs,
    );
    expect(exported.code).toBe(0);
    const keystore = JSON.parse(exported.stdout);
    expect(keystore).toMatchObject({
      version: 3,
      address: ADDRESS.slice(2).toLowerCase(),
      crypto: { kdf: "scrypt", kdfparams: { n: 262144, r: 8, p: 1 } },
    });
    const keystoreFile = file("keystore.json", exported.stdout);
    const imported = await runHost(
      ["init", "--password-file", password, "--keystore-file", keystoreFile],
      other,
    );
    expect(imported).toMatchObject({ code: 0, stdout: `${ADDRESS}\n` });
  });

  it("exits 2 with one clear line for bad usage, pointing to help", async () => {
    const help = " (run 'vaughan-host help')\n";
    expect(await runHost(["frobnicate"], dirs)).toMatchObject({
      code: 2,
      stdout: "",
      stderr: `vaughan-host: unknown command "frobnicate"${help}`,
    });
    expect(await runHost(["chains", "list", "--jsn"], dirs)).toMatchObject({
      code: 2,
      stderr: `vaughan-host: unknown option --jsn${help}`,
    });
    expect((await runHost(["chains", "default", "zero"], dirs)).stderr).toBe(
      `vaughan-host: invalid chain id "zero"${help}`,
    );
    expect((await runHost(["unlock"], dirs)).stderr).toBe(
      `vaughan-host: unlock needs --password-file F${help}`,
    );
    // The usage itself is where the hint points.
    expect(await runHost(["help"], dirs)).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^usage: vaughan-host/),
    });
  });

  it("refuses a chain whose endpoint cannot confirm its id", async () => {
    const result = await runHost(
      ["chains", "add", "--chain-id", "5", "--rpc-url", "http://127.0.0.1:9"],
      dirs,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("vaughan-host: http://127.0.0.1:9 did not answer eth_chainId\n");
  });

  it("reports status as JSON with the contract's fields while no daemon runs", async () => {
    const status = JSON.parse((await runHost(["status", "--json"], dirs)).stdout);
    expect(status).toMatchObject({ running: false, pid: null, port: null, locked: true });
  });
});

describe("the daemon's lifetime", () => {
  it("stops by itself when its data folder is deleted", async () => {
    const dirs = tempDirs();
    const child = spawn(process.execPath, [HOST_SCRIPT, "serve", "--port", "0"], {
      env: { ...process.env, VAUGHAN_HOME: dirs.home, HOME: dirs.fakeHome },
      stdio: ["ignore", "pipe", "ignore"],
    });
    await new Promise<void>((resolve) =>
      child.stdout?.on("data", (c: Buffer) => c.toString().includes("listening") && resolve()),
    );
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    rmSync(dirs.home, { recursive: true, force: true });
    expect(await exited).toBe(0);
    await dirs.cleanup();
  }, 20_000);
});
