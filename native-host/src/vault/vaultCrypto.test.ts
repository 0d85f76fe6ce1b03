import { describe, expect, it } from "vitest";
import { openVault, sealVault } from "./vaultCrypto.js";
import type { VaultAccount, VaultFile } from "./vaultFile.js";
import type { VaultSecrets } from "./vaultSecrets.js";

const PASSWORD = "correct horse battery staple";
const MNEMONIC = "test test test test test test test test test test test junk";
const ACCOUNTS: VaultAccount[] = [
  { address: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", name: "Account 1" },
  { address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", name: "Account 2" },
];
const SECRETS: VaultSecrets = {
  mnemonic: MNEMONIC,
  accounts: [
    { kind: "hd", index: 0 },
    { kind: "hd", index: 1 },
  ],
};

describe("sealVault / openVault", { timeout: 30_000 }, () => {
  let sealed: VaultFile;

  it("uses scrypt N = 2^18, r = 8, p = 1 and a fresh salt and IV on every seal", async () => {
    sealed = await sealVault(ACCOUNTS, SECRETS, PASSWORD);
    const again = await sealVault(ACCOUNTS, SECRETS, PASSWORD);
    expect(sealed.kdf).toMatchObject({ name: "scrypt", n: 2 ** 18, r: 8, p: 1 });
    expect(sealed.kdf.salt).toMatch(/^[0-9a-f]{64}$/);
    expect(sealed.cipher.iv).toMatch(/^[0-9a-f]{24}$/);
    expect(again.kdf.salt).not.toBe(sealed.kdf.salt);
    expect(again.cipher.iv).not.toBe(sealed.cipher.iv);
    expect(again.ciphertext).not.toBe(sealed.ciphertext);
    expect(JSON.stringify(sealed)).not.toContain("junk");
  });

  it("opens with the password", async () => {
    expect(await openVault(sealed, PASSWORD)).toEqual(SECRETS);
  });

  it("refuses a wrong password with no plaintext", async () => {
    const error = await openVault(sealed, `${PASSWORD}!`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("wrong password");
    expect(JSON.stringify(error)).not.toContain("test");
  });

  it("refuses a header whose account list was edited (the list is authenticated)", async () => {
    const swapped = { ...sealed, accounts: [ACCOUNTS[1], ACCOUNTS[0]] } as VaultFile;
    await expect(openVault(swapped, PASSWORD)).rejects.toThrow("wrong password");
  });
});
