import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verifyMessage } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { decryptKeystore } from "./keystore.js";
import { PBKDF2_VECTOR } from "./keystoreVectors.js";
import { normalizeMnemonic } from "./mnemonic.js";
import { Vault } from "./Vault.js";
import { VaultFileSchema, vaultPath } from "./vaultFile.js";

// Each unlock or write runs scrypt at N = 2^18 (~0.5–1 s), so these tests share vaults and
// count their unlocks.
const PASSWORD = "correct horse battery staple";
const MNEMONIC = "test test test test test test test test test test test junk";
const ACCOUNT_0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const ACCOUNT_1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const ACCOUNT_2 = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const SPEC_KEY = "0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";
const SPEC_ADDRESS = "0x008AeEda4D805471dF9b2A5B0f38A0C3bCBA786b";

const homes: string[] = [];
function tempHome(): string {
  const home = mkdtempSync(join(tmpdir(), "vaughan-vault-"));
  homes.push(home);
  return home;
}
const onDisk = (home: string) => VaultFileSchema.parse(JSON.parse(readFileSync(vaultPath(home), "utf8")));

afterAll(() => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

describe("Vault from the standard test mnemonic", { timeout: 60_000 }, () => {
  let home: string;
  let vault: Vault;

  beforeAll(async () => {
    home = tempHome();
    const created = await Vault.create(home, PASSWORD, { kind: "mnemonic", mnemonic: MNEMONIC });
    vault = created.vault;
    expect(created.address).toBe(ACCOUNT_0);
    expect(created.mnemonic).toBeUndefined();
  });

  it("writes vault.json 0600 with scrypt N = 2^18, r = 8, p = 1 and AES-256-GCM, no secret in clear", () => {
    const file = onDisk(home);
    expect(statSync(vaultPath(home)).mode & 0o777).toBe(0o600);
    expect(file.kdf).toMatchObject({ name: "scrypt", n: 262144, r: 8, p: 1 });
    expect(file.kdf.n).toBeGreaterThanOrEqual(2 ** 18);
    expect(file.cipher.name).toBe("aes-256-gcm");
    expect(file.accounts).toEqual([{ address: ACCOUNT_0, name: "Account 1" }]);
    expect(readFileSync(vaultPath(home), "utf8")).not.toContain("junk");
  });

  it("derives m/44'/60'/0'/0/i and re-encrypts with a fresh salt and IV on each write", async () => {
    const before = onDisk(home);
    expect(await vault.addAccount()).toEqual({ address: ACCOUNT_1, name: "Account 2" });
    const after = onDisk(home);
    expect(after.kdf.salt).not.toBe(before.kdf.salt);
    expect(after.cipher.iv).not.toBe(before.cipher.iv);
    expect(statSync(vaultPath(home)).mode & 0o777).toBe(0o600);
  });

  it("never hands out one index twice, even to concurrent calls", async () => {
    const [a, b] = await Promise.all([vault.addAccount("third"), vault.addAccount()]);
    expect(a).toEqual({ address: ACCOUNT_2, name: "third" });
    expect(b?.address).toBe(mnemonicToAccount(MNEMONIC, { addressIndex: 3 }).address);
    await vault.renameAccount(b?.address ?? "", "fourth");
  });

  it("signs with the unlocked accounts", async () => {
    const signature = await vault.account(ACCOUNT_1.toLowerCase()).signMessage({ message: "hi" });
    expect(await verifyMessage({ address: ACCOUNT_1, message: "hi", signature })).toBe(true);
    expect(() => vault.account("0x0000000000000000000000000000000000000001")).toThrow(
      "Unknown account 0x0000000000000000000000000000000000000001",
    );
  });

  it("loads without a KDF and lists accounts while locked", () => {
    const started = performance.now();
    const loaded = Vault.load(home);
    expect(performance.now() - started).toBeLessThan(250);
    expect(loaded.isUnlocked).toBe(false);
    expect(loaded.accounts().map((a) => a.name)).toEqual(["Account 1", "Account 2", "third", "fourth"]);
    expect(() => loaded.account(ACCOUNT_0)).toThrow("The wallet is locked");
    return expect(loaded.addAccount()).rejects.toThrow("The wallet is locked");
  });

  it("locks on demand, drops keys, and tells its listeners once", () => {
    const onLock = vi.fn();
    vault.onLock(onLock);
    vault.lock();
    vault.lock();
    expect(vault.isUnlocked).toBe(false);
    expect(onLock).toHaveBeenCalledTimes(1);
    expect(() => vault.account(ACCOUNT_0)).toThrow("The wallet is locked");
  });

  it("refuses a wrong password with the exact error and stays locked", async () => {
    const error = await vault.unlock("not the password").catch((e: unknown) => e);
    expect((error as Error).message).toBe("wrong password");
    expect(vault.isUnlocked).toBe(false);
  });

  it("unlocks with the password, then locks itself when idle", async () => {
    await vault.unlock(PASSWORD);
    expect(vault.account(ACCOUNT_0).address).toBe(ACCOUNT_0);
    const onLock = vi.fn();
    vault.onLock(onLock);
    vault.setAutoLock(150);
    await new Promise((resolve) => setTimeout(resolve, 100));
    vault.touch();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(vault.isUnlocked).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(vault.isUnlocked).toBe(false);
    expect(onLock).toHaveBeenCalledTimes(1);
  });

  it("locks when the wall clock passed the idle deadline while the computer slept", async () => {
    await vault.unlock(PASSWORD);
    vault.setAutoLock(15 * 60_000);
    // Asleep overnight: the monotonic timer has not moved, the wall clock has.
    const wake = Date.now() + 8 * 3600_000;
    const clock = vi.spyOn(Date, "now").mockReturnValue(wake);
    try {
      expect(() => vault.account(ACCOUNT_0)).toThrow("The wallet is locked");
      expect(vault.isUnlocked).toBe(false);
    } finally {
      clock.mockRestore();
    }
  });

  it("fails to unlock when the public account list was edited", async () => {
    const tampered = onDisk(home);
    const [first, second] = tampered.accounts;
    if (!first || !second) throw new Error("fixture");
    tampered.accounts = [
      { ...first, address: second.address },
      { ...second, address: first.address },
    ];
    const copy = tempHome();
    writeFileSync(vaultPath(copy), JSON.stringify({ ...tampered, accounts: tampered.accounts }), {
      mode: 0o600,
    });
    const loaded = Vault.load(copy);
    expect(loaded.accounts()[0]?.address).toBe(ACCOUNT_1);
    await expect(loaded.unlock(PASSWORD)).rejects.toThrow("wrong password");
    expect(loaded.isUnlocked).toBe(false);
  });

  it("refuses to overwrite an existing vault", async () => {
    await expect(Vault.create(home, PASSWORD, { kind: "new" })).rejects.toThrow(
      `a vault already exists at ${vaultPath(home)}; refusing to overwrite it`,
    );
  });
});

describe("Vault from other sources", { timeout: 60_000 }, () => {
  it("creates a new mnemonic, shown once, and never overwrites a vault that appeared meanwhile", async () => {
    const home = tempHome();
    const created = await Vault.create(home, PASSWORD, { kind: "new" });
    expect(created.mnemonic?.split(" ")).toHaveLength(12);
    expect(normalizeMnemonic(created.mnemonic ?? "")).toBe(created.mnemonic);
    expect(created.address).toBe(mnemonicToAccount(created.mnemonic ?? "").address);
    created.vault.lock();

    const raced = tempHome();
    const pending = Vault.create(raced, PASSWORD, { kind: "mnemonic", mnemonic: MNEMONIC });
    writeFileSync(vaultPath(raced), "someone else's vault");
    await expect(pending).rejects.toThrow("refusing to overwrite it");
    expect(readFileSync(vaultPath(raced), "utf8")).toBe("someone else's vault");
    expect(readdirSync(raced)).toEqual(["vault.json"]);
  });

  it("imports private keys, refuses duplicates and HD accounts, exports a keystore", async () => {
    const home = tempHome();
    const { vault, address } = await Vault.create(home, PASSWORD, {
      kind: "privateKey",
      key: SPEC_KEY.slice(2),
    });
    expect(address).toBe(SPEC_ADDRESS);
    await expect(vault.addAccount()).rejects.toThrow("This wallet has no recovery phrase");
    await expect(vault.importPrivateKey(SPEC_KEY)).rejects.toThrow(
      `${SPEC_ADDRESS} is already in the wallet`,
    );
    const hardhat0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    expect(await vault.importPrivateKey(hardhat0, "hot")).toEqual({ address: ACCOUNT_0, name: "hot" });
    const keystore = await vault.exportKeystore(ACCOUNT_0, "export pw");
    expect(Buffer.from(await decryptKeystore(keystore, "export pw")).toString("hex")).toBe(hardhat0.slice(2));
    vault.lock();
  });

  it("creates from a keystore file and refuses its wrong password before any write", async () => {
    const keystore = PBKDF2_VECTOR;
    const home = tempHome();
    await expect(
      Vault.create(home, PASSWORD, { kind: "keystore", json: keystore, keystorePassword: "nope" }),
    ).rejects.toThrow("wrong password");
    expect(Vault.exists(home)).toBe(false);
    const created = await Vault.create(home, PASSWORD, {
      kind: "keystore",
      json: keystore,
      keystorePassword: "testpassword",
    });
    expect(created.address).toBe(SPEC_ADDRESS);
    created.vault.lock();
  });

  it("refuses invalid input without running a KDF", async () => {
    const home = tempHome();
    await expect(
      Vault.create(home, PASSWORD, { kind: "mnemonic", mnemonic: MNEMONIC.replace("junk", "test") }),
    ).rejects.toThrow("Invalid recovery phrase: bad checksum");
    await expect(Vault.create(home, PASSWORD, { kind: "privateKey", key: "0x00" })).rejects.toThrow(
      "Invalid private key",
    );
    await expect(Vault.create(home, "", { kind: "new" })).rejects.toThrow(
      "The password must have 1 to 1024 characters",
    );
    expect(Vault.exists(home)).toBe(false);
    expect(() => Vault.load(home)).toThrow(`no vault at ${vaultPath(home)}`);
  });
});
