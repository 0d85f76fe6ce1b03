import { Wallet as EthersWallet } from "ethers";
import { describe, expect, it } from "vitest";
import { decryptKeystore, encryptKeystore, KeystoreSchema } from "./keystore.js";
import { PASSWORD, PBKDF2_VECTOR, PRIVATE_KEY, SCRYPT_VECTOR } from "./keystoreVectors.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("decryptKeystore", () => {
  it("decrypts the PBKDF2 test vector", async () => {
    expect(hex(await decryptKeystore(PBKDF2_VECTOR, PASSWORD))).toBe(PRIVATE_KEY);
  });

  it("decrypts the scrypt test vector, given as a JSON string", async () => {
    expect(hex(await decryptKeystore(JSON.stringify(SCRYPT_VECTOR), PASSWORD))).toBe(PRIVATE_KEY);
  });

  it("rejects a wrong password by the MAC, before decrypting", async () => {
    await expect(decryptKeystore(PBKDF2_VECTOR, "testpassworD")).rejects.toThrow(/^wrong password$/);
  });

  it("rejects a flipped ciphertext bit as a wrong password", async () => {
    const tampered = structuredClone(PBKDF2_VECTOR);
    tampered.crypto.ciphertext = `4${tampered.crypto.ciphertext.slice(1)}`;
    await expect(decryptKeystore(tampered, PASSWORD)).rejects.toThrow("wrong password");
  });

  it("refuses malformed files without running a KDF", async () => {
    const cases: unknown[] = [
      null,
      "{",
      { ...PBKDF2_VECTOR, version: 1 },
      { ...PBKDF2_VECTOR, extra: 1 },
      { ...PBKDF2_VECTOR, crypto: { ...PBKDF2_VECTOR.crypto, cipher: "aes-128-cbc" } },
      { ...PBKDF2_VECTOR, crypto: { ...PBKDF2_VECTOR.crypto, mac: "00" } },
      {
        ...PBKDF2_VECTOR,
        crypto: {
          ...PBKDF2_VECTOR.crypto,
          kdfparams: { ...PBKDF2_VECTOR.crypto.kdfparams, prf: "hmac-sha1" },
        },
      },
      {
        ...SCRYPT_VECTOR,
        crypto: { ...SCRYPT_VECTOR.crypto, kdfparams: { ...SCRYPT_VECTOR.crypto.kdfparams, n: 2 ** 30 } },
      },
      {
        ...SCRYPT_VECTOR,
        crypto: { ...SCRYPT_VECTOR.crypto, kdfparams: { ...SCRYPT_VECTOR.crypto.kdfparams, n: 1000 } },
      },
    ];
    for (const json of cases) {
      await expect(decryptKeystore(json, PASSWORD)).rejects.toThrow(/^Invalid keystore file: /);
    }
  });

  it("refuses a file whose address is not its key's", async () => {
    const forged = { ...PBKDF2_VECTOR, address: "f39fd6e51aad88f6f4ce6ab8827279cfffb92266" };
    await expect(decryptKeystore(forged, PASSWORD)).rejects.toThrow(
      "Invalid keystore file: the address does not match the key",
    );
  });
});

describe("encryptKeystore", () => {
  it("writes scrypt N = 2^18, r = 8, p = 1 with fresh salt, IV and a v4 UUID, and reads back", async () => {
    const a = await encryptKeystore(`0x${PRIVATE_KEY}`, "pw");
    const b = await encryptKeystore(`0x${PRIVATE_KEY}`, "pw", { kdf: "pbkdf2", c: 1024 });
    expect(KeystoreSchema.parse(a)).toEqual(a);
    expect(a.crypto.kdf).toBe("scrypt");
    if (a.crypto.kdf !== "scrypt") return;
    expect(a.crypto.kdfparams).toMatchObject({ n: 262144, r: 8, p: 1, dklen: 32 });
    expect(a.address).toBe("008aeeda4d805471df9b2a5b0f38a0c3bcba786b");
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.crypto.kdfparams.salt).not.toBe(b.crypto.kdfparams.salt);
    expect(a.crypto.cipherparams.iv).not.toBe(b.crypto.cipherparams.iv);
    expect(hex(await decryptKeystore(a, "pw"))).toBe(PRIVATE_KEY);
    expect(hex(await decryptKeystore(b, "pw"))).toBe(PRIVATE_KEY);
    await expect(decryptKeystore(b, "PW")).rejects.toThrow("wrong password");
  });

  it("is read by another implementation (ethers)", async () => {
    const json = await encryptKeystore(`0x${PRIVATE_KEY}`, "pw", { kdf: "pbkdf2", c: 1024 });
    const wallet = await EthersWallet.fromEncryptedJson(JSON.stringify(json), "pw");
    expect(wallet.privateKey).toBe(`0x${PRIVATE_KEY}`);
  });

  it("refuses an invalid private key without echoing it", async () => {
    await expect(encryptKeystore(`0x${"00".repeat(32)}`, "pw")).rejects.toThrow(
      "Invalid private key: out of range",
    );
    await expect(encryptKeystore("0x1234", "pw")).rejects.toThrow(
      "Invalid private key: expected 32 bytes of hex",
    );
  });
});
