import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SiteStore } from "../../native-host/src/stores/sites.js";
import { sweepTempFiles } from "../../native-host/src/sweepTempFiles.js";
import { Vault } from "../../native-host/src/vault/Vault.js";
import { readVaultFile, vaultPath } from "../../native-host/src/vault/vaultFile.js";
import { TEST_MNEMONIC, TEST_PASSWORD } from "../support/host.js";

const WRITES = 1000;
const root = mkdtempSync(join(tmpdir(), "vaughan-persist-"));
const home = join(root, "home");
const child = join(root, "child.mjs");
const variants = [join(root, "vault-a.json"), join(root, "vault-b.json")];
const names = ["Account 1", "Renamed"];

/** Runs the writer from `from` and SIGKILLs it after `delayMs`; returns the last acked write. */
function runAndKill(from: number, delayMs: number): Promise<number> {
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, [child, home, String(from), String(WRITES), ...variants], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let stderr = "";
    let timer: NodeJS.Timeout | undefined;
    proc.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (!timer && out.startsWith("ready\n")) timer = setTimeout(() => proc.kill("SIGKILL"), delayMs);
    });
    proc.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    proc.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (signal !== "SIGKILL" && code !== 0) return fail(new Error(`writer failed (${code}): ${stderr}`));
      // Only whole lines count: a line cut by the kill was never acknowledged.
      const acks = out
        .split("\n")
        .slice(0, -1)
        .filter((l) => l.startsWith("ack "));
      done(acks.length > 0 ? Number(acks.at(-1)?.slice(4)) : from - 1);
    });
  });
}

/** What the store must hold after write `last`: every acked site, and a vault from the last acked write or the one in flight. */
function check(last: number): void {
  const sites = new SiteStore(home);
  const held = new Set(sites.all().map(([origin]) => origin));
  for (let k = 0; k <= last; k++)
    if (k % 10 !== 0) expect(held.has(`https://site-${k}.example`), `site ${k}`).toBe(true);
  const lastVault = Math.floor(last / 10) * 10;
  const allowed = new Set([names[(lastVault / 10) % 2]]);
  if ((last + 1) % 10 === 0) allowed.add(names[((last + 1) / 10) % 2]);
  expect(allowed).toContain(readVaultFile(home).accounts[0]?.name);
}

/** SIGKILL at random points during 1,000 vault and permission writes. */
describe("persistence under SIGKILL", () => {
  beforeAll(async () => {
    await build({
      entryPoints: [resolve("test/reliability/persistenceChild.ts")],
      outfile: child,
      bundle: true,
      platform: "node",
      format: "esm",
      logLevel: "error",
    });
    // Two real sealed vaults (one scrypt each): the writer swaps them without a KDF per write.
    const { vault } = await Vault.create(home, TEST_PASSWORD, { kind: "mnemonic", mnemonic: TEST_MNEMONIC });
    writeFileSync(variants[0] as string, JSON.stringify(readVaultFile(home)));
    await vault.renameAccount(vault.accounts()[0]?.address as string, names[1] as string);
    writeFileSync(variants[1] as string, JSON.stringify(readVaultFile(home)));
    vault.lock();
    rmSync(vaultPath(home));
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("every restart loads a valid store holding everything acknowledged", { timeout: 120_000 }, async () => {
    let last = -1;
    let kills = 0;
    while (last < WRITES - 1) {
      last = Math.max(last, await runAndKill(last + 1, Math.random() * 150));
      kills++;
      if (last >= 0) check(last);
    }
    expect(kills).toBeGreaterThan(5);
    // The last vault on disk still decrypts: no write left a torn or unauthenticated file.
    const vault = Vault.load(home);
    await vault.unlock(TEST_PASSWORD);
    vault.lock();
    const leftovers = readdirSync(home).filter((f) => f.endsWith(".tmp"));
    console.log(`persistence: ${WRITES} writes, ${kills} kills, ${leftovers.length} orphaned temp files`);
    // What the daemon does at start: the kills' leftovers go, the store stays.
    sweepTempFiles(home, 0);
    expect(readdirSync(home).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(new SiteStore(home).all()).toHaveLength(WRITES - WRITES / 10);
  });
});
