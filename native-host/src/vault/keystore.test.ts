import { Wallet as EthersWallet } from "ethers";
import { describe, expect, it } from "vitest";
import { decryptKeystore, encryptKeystore, KeystoreSchema } from "./keystore.js";

// The two test vectors of the Web3 Secret Storage definition (password "testpassword").
// https://ethereum.org/en/developers/docs/data-structures-and-encoding/web3-secret-storage/#test-vectors
const PASSWORD = "testpassword";
const PRIVATE_KEY = "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";

const PBKDF2_VECTOR = {
  crypto: {
    cipher: "aes-128-ctr",
    cipherparams: { iv: "6087dab2f9fdbbfaddc31a909735c1e6" },
    ciphertext: "5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46",
    kdf: "pbkdf2",
    kdfparams: {
      c: 262144,
      dklen: 32,
      prf: "hmac-sha256",
      salt: "ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd",
    },
    mac: "517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2",
  },
  id: "3198bc9c-6672-5ab3-d995-4942343ae5b6",
  version: 3,
};

// Note the vector's r = 1, p = 8 (not the usual r = 8, p = 1).
const SCRYPT_VECTOR = {
  crypto: {
    cipher: "aes-128-ctr",
    cipherparams: { iv: "83dbcc02d8ccb40e466191a123791e0e" },
    ciphertext: "d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c",
    kdf: "scrypt",
    kdfparams: {
      dklen: 32,
      n: 262144,
      p: 8,
      r: 1,
      salt: "ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19",
    },
    mac: "2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097",
  },
  id: "3198bc9c-6672-5ab3-d995-4942343ae5b6",
  version: 3,
};

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
