import { createCipheriv, createDecipheriv, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { Hex } from "viem";
import { keccak256 } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import * as z from "zod";
import { InvalidParamsError } from "../../../protocol/errors.js";
import { pbkdf2Key, scryptKey } from "./kdf.js";
import { parsePrivateKey } from "./privateKey.js";
import { WrongPasswordError } from "./WrongPasswordError.js";

/** Hex of `min`–`max` whole bytes, with or without 0x (geth writes none, some tools write it). */
const hexBytes = (min: number, max: number) =>
  z
    .string()
    .max(2 + 2 * max)
    .regex(new RegExp(`^(?:0x)?(?:[0-9a-fA-F]{2}){${min},${max}}$`));

const isPowerOfTwo = (n: number) => n >= 2 && (n & (n - 1)) === 0;

// Bounds keep a hostile file from asking for gigabytes or minutes of work: the largest accepted
// scrypt table is 512 MiB (geth's "standard" N = 2^18, r = 8 needs 256 MiB).
const ScryptParamsSchema = z
  .object({
    dklen: z.number().int().min(32).max(64),
    n: z
      .number()
      .int()
      .min(2)
      .max(2 ** 20)
      .refine(isPowerOfTwo, "n must be a power of two"),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: hexBytes(16, 64),
  })
  .strict()
  .refine((k) => 128 * k.n * k.r <= 512 * 1024 * 1024 && k.n * k.r * k.p <= 2 ** 23, "scrypt cost too high");

const Pbkdf2ParamsSchema = z
  .object({
    dklen: z.number().int().min(32).max(64),
    c: z
      .number()
      .int()
      .min(1)
      .max(2 ** 22),
    prf: z.literal("hmac-sha256"),
    salt: hexBytes(16, 64),
  })
  .strict();

const cipherFields = {
  cipher: z.literal("aes-128-ctr"),
  cipherparams: z.object({ iv: hexBytes(16, 16) }).strict(),
  // A keystore holds one secp256k1 private key: exactly 32 bytes.
  ciphertext: hexBytes(32, 32),
  mac: hexBytes(32, 32),
};

/**
 * A Web3 Secret Storage v3 file as we accept it: scrypt or PBKDF2-HMAC-SHA256, AES-128-CTR.
 * `x-ethers` (metadata ethers adds) is tolerated, bounded, and ignored.
 * https://ethereum.org/en/developers/docs/data-structures-and-encoding/web3-secret-storage/
 */
export const KeystoreSchema = z
  .object({
    version: z.literal(3),
    id: z
      .string()
      .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/)
      .optional(),
    address: z
      .string()
      .regex(/^(?:0x)?[0-9a-fA-F]{40}$/)
      .optional(),
    crypto: z.discriminatedUnion("kdf", [
      z.object({ ...cipherFields, kdf: z.literal("scrypt"), kdfparams: ScryptParamsSchema }).strict(),
      z.object({ ...cipherFields, kdf: z.literal("pbkdf2"), kdfparams: Pbkdf2ParamsSchema }).strict(),
    ]),
    "x-ethers": z
      .record(z.string().max(64), z.string().max(4096))
      .refine((r) => Object.keys(r).length <= 16)
      .optional(),
  })
  .strict();

export type Keystore = z.infer<typeof KeystoreSchema>;

/** How `encryptKeystore` derives its key. Defaults: scrypt N = 2^18, r = 8, p = 1. */
export type KeystoreKdfOptions =
  | { kdf?: "scrypt"; n?: number; r?: number; p?: number }
  | { kdf: "pbkdf2"; c?: number };

type KdfSpec =
  | { kdf: "scrypt"; kdfparams: z.infer<typeof ScryptParamsSchema> }
  | { kdf: "pbkdf2"; kdfparams: z.infer<typeof Pbkdf2ParamsSchema> };

const bytes = (hex: string) => Buffer.from(hex.replace(/^0x/, ""), "hex");

function deriveKey(spec: KdfSpec, password: string): Promise<Buffer> {
  const salt = bytes(spec.kdfparams.salt);
  // The spec leaves password encoding open; raw UTF-8 is what geth, the reference, hashes.
  return spec.kdf === "scrypt"
    ? scryptKey(password, salt, spec.kdfparams, spec.kdfparams.dklen)
    : pbkdf2Key(password, salt, spec.kdfparams.c, spec.kdfparams.dklen, "sha256");
}

/** keccak256(DK[16..32] ++ ciphertext), the v3 MAC. */
function mac(derivedKey: Uint8Array, ciphertext: Uint8Array): Buffer {
  return bytes(keccak256(Buffer.concat([derivedKey.subarray(16, 32), ciphertext])));
}

/**
 * Decrypts a v3 keystore to its 32-byte private key. The MAC is checked, in constant time,
 * before anything is decrypted, so a wrong password yields WrongPasswordError ("wrong
 * password") and never a plaintext. A file that is not a valid keystore yields InvalidParamsError.
 * https://ethereum.org/en/developers/docs/data-structures-and-encoding/web3-secret-storage/
 */
export async function decryptKeystore(json: unknown, password: string): Promise<Uint8Array> {
  const parsed = KeystoreSchema.safeParse(typeof json === "string" ? parseJson(json) : json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join(".") || "(root)";
    throw new InvalidParamsError(`Invalid keystore file: unexpected value at ${where}`);
  }
  const { crypto, address } = parsed.data;
  const derivedKey = await deriveKey(crypto, password);
  try {
    const ciphertext = bytes(crypto.ciphertext);
    if (!timingSafeEqual(mac(derivedKey, ciphertext), bytes(crypto.mac))) throw new WrongPasswordError();
    const decipher = createDecipheriv(
      "aes-128-ctr",
      derivedKey.subarray(0, 16),
      bytes(crypto.cipherparams.iv),
    );
    const plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    const key = parsePrivateKey(plaintext);
    plaintext.fill(0);
    // geth makes the same check: a file whose address is not its key's is corrupt or forged.
    if (
      address &&
      privateKeyToAddress(key).slice(2).toLowerCase() !== address.replace(/^0x/, "").toLowerCase()
    ) {
      throw new InvalidParamsError("Invalid keystore file: the address does not match the key");
    }
    return bytes(key);
  } finally {
    derivedKey.fill(0);
  }
}

/**
 * Encrypts a private key as a v3 keystore with a fresh salt, IV and v4 UUID; `address` is
 * lower-case hex without 0x, as geth writes it. The result is checked against KeystoreSchema so
 * we never hand out a file we could not read back.
 * https://ethereum.org/en/developers/docs/data-structures-and-encoding/web3-secret-storage/
 */
export async function encryptKeystore(
  privateKey: Hex | Uint8Array,
  password: string,
  opts: KeystoreKdfOptions = {},
): Promise<Keystore> {
  const key = parsePrivateKey(privateKey);
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const spec: KdfSpec =
    opts.kdf === "pbkdf2"
      ? {
          kdf: "pbkdf2",
          kdfparams: { dklen: 32, c: opts.c ?? 262144, prf: "hmac-sha256", salt: salt.toString("hex") },
        }
      : {
          kdf: "scrypt",
          kdfparams: {
            dklen: 32,
            n: opts.n ?? 2 ** 18,
            r: opts.r ?? 8,
            p: opts.p ?? 1,
            salt: salt.toString("hex"),
          },
        };
  const derivedKey = await deriveKey(spec, password);
  try {
    const cipher = createCipheriv("aes-128-ctr", derivedKey.subarray(0, 16), iv);
    const ciphertext = Buffer.concat([cipher.update(bytes(key)), cipher.final()]);
    return KeystoreSchema.parse({
      version: 3,
      id: randomUUID(),
      address: privateKeyToAddress(key).slice(2).toLowerCase(),
      crypto: {
        cipher: "aes-128-ctr",
        cipherparams: { iv: iv.toString("hex") },
        ciphertext: ciphertext.toString("hex"),
        ...spec,
        mac: mac(derivedKey, ciphertext).toString("hex"),
      },
    });
  } finally {
    derivedKey.fill(0);
  }
}

function parseJson(text: string): unknown {
  if (text.length > 64 * 1024) throw new InvalidParamsError("Invalid keystore file: too large");
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidParamsError("Invalid keystore file: not JSON");
  }
}
