import { randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { isAddress } from "viem";
import * as z from "zod";
import { atomicWrite } from "../atomicWrite.js";

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${2 * bytes}}$`));
const isPowerOfTwo = (n: number) => (n & (n - 1)) === 0;

/** One account as listed while locked: its checksummed address, the name the user gave it, whether it is hidden. */
export const VaultAccountSchema = z
  .object({
    address: z
      .string()
      .regex(/^0x[0-9a-fA-F]{40}$/)
      .refine((a) => isAddress(a, { strict: true }), "bad checksum"),
    name: z.string().min(1).max(64),
    /** Hidden by the user: never offered to sites, left out of lists by default, never deleted. */
    hidden: z.literal(true).optional(),
  })
  .strict();

export type VaultAccount = z.infer<typeof VaultAccountSchema>;

/** Key derivation for the vault: scrypt with docs/security.md T15's floor (N ≥ 2^18, r = 8, p = 1). */
export const VaultKdfSchema = z
  .object({
    name: z.literal("scrypt"),
    n: z
      .number()
      .int()
      .min(2 ** 18)
      .max(2 ** 20)
      .refine(isPowerOfTwo, "n must be a power of two"),
    r: z.literal(8),
    p: z.literal(1),
    salt: hex(32),
  })
  .strict();

/**
 * `<home>/vault.json`, version 1. The account list is public so addresses can be listed while
 * locked; it is bound to the ciphertext as AES-GCM associated data (see vaultCrypto.ts), so an
 * edited list fails to decrypt. The ciphertext is the JSON of VaultSecretsSchema.
 * https://nvlpubs.nist.gov/nistpubs/Legacy/SP/nistspecialpublication800-38d.pdf
 */
export const VaultFileSchema = z
  .object({
    version: z.literal(1),
    accounts: z.array(VaultAccountSchema).min(1).max(1000),
    kdf: VaultKdfSchema,
    cipher: z.object({ name: z.literal("aes-256-gcm"), iv: hex(12), tag: hex(16) }).strict(),
    ciphertext: z
      .string()
      .max(2 * 1024 * 1024)
      .regex(/^(?:[0-9a-f]{2})+$/),
  })
  .strict();

export type VaultFile = z.infer<typeof VaultFileSchema>;

/** Where the vault lives in the host's data folder (docs/architecture.md, "State on disk"). */
export function vaultPath(home: string): string {
  return join(home, "vault.json");
}

/** True when `<home>/vault.json` exists (valid or not: a broken vault must never be overwritten). */
export function vaultExists(home: string): boolean {
  return existsSync(vaultPath(home));
}

/** Reads and validates the vault file. No KDF runs here: this is on the daemon's start path. */
export function readVaultFile(home: string): VaultFile {
  const path = vaultPath(home);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`no vault at ${path}`);
    throw new Error(`${path} is not valid JSON`);
  }
  const parsed = VaultFileSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join(".") || "(root)";
    throw new Error(`${path} is not a valid Vaughan vault (at ${where})`);
  }
  return parsed.data;
}

const serialize = (file: VaultFile) => `${JSON.stringify(file, null, 2)}\n`;

/** Replaces the vault atomically (temp file, fsync, rename), mode 0600. */
export function writeVaultFile(home: string, file: VaultFile): void {
  atomicWrite(vaultPath(home), serialize(file));
}

/**
 * Writes the first vault, failing with EEXIST if one appeared meanwhile: the fully written
 * file is hard-linked into place, and link(2), unlike rename(2), never replaces a target. A
 * check-then-write would leave a window in which a vault, and the only copy of its keys, could
 * be overwritten.
 */
export function writeNewVaultFile(home: string, file: VaultFile): void {
  const staging = join(home, `.vault.json.${randomBytes(6).toString("hex")}.new`);
  atomicWrite(staging, serialize(file));
  try {
    linkSync(staging, vaultPath(home));
  } finally {
    unlinkSync(staging);
  }
  if (process.platform !== "win32") {
    const dir = openSync(home, "r");
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  }
}
