import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { scryptKey } from "./kdf.js";
import { type VaultAccount, type VaultFile, VaultFileSchema } from "./vaultFile.js";
import { type VaultSecrets, VaultSecretsSchema } from "./vaultSecrets.js";
import { WrongPasswordError } from "./WrongPasswordError.js";

/** scrypt cost for every write: docs/security.md T15 (N = 2^18, r = 8, p = 1; 256 MiB, ~0.5–1 s). */
export const VAULT_SCRYPT = { n: 2 ** 18, r: 8, p: 1 } as const;

type Header = Pick<VaultFile, "version" | "accounts" | "kdf"> & {
  cipher: Pick<VaultFile["cipher"], "name" | "iv">;
};

/**
 * The associated data: every public field but the tag and ciphertext, in a fixed order built
 * here (not the file's key order), so the same header always gives the same bytes. Binding the
 * account list means an edited address or name fails authentication; binding the KDF
 * parameters means they cannot be swapped either.
 */
function associatedData(h: Header): Buffer {
  const { kdf, cipher } = h;
  return Buffer.from(
    JSON.stringify([
      "vaughan-vault",
      h.version,
      h.accounts.map((a) => [a.address, a.name]),
      [kdf.name, kdf.n, kdf.r, kdf.p, kdf.salt],
      [cipher.name, cipher.iv],
    ]),
    "utf8",
  );
}

/**
 * Passwords are hashed as UTF-8 of their NFKC form, so the same password typed through
 * different input methods (composed or decomposed accents) opens the vault.
 */
const passwordBytes = (password: string) => Buffer.from(password.normalize("NFKC"), "utf8");

/**
 * Encrypts `secrets` with AES-256-GCM under scrypt(password) with a fresh 32-byte salt and a
 * fresh 96-bit IV on every call, so no two writes share a key or a nonce.
 * https://www.rfc-editor.org/rfc/rfc7914 · https://nvlpubs.nist.gov/nistpubs/Legacy/SP/nistspecialpublication800-38d.pdf
 */
export async function sealVault(
  accounts: VaultAccount[],
  secrets: VaultSecrets,
  password: string,
): Promise<VaultFile> {
  const salt = randomBytes(32);
  const iv = randomBytes(12);
  const header: Header = {
    version: 1,
    accounts,
    kdf: { name: "scrypt", ...VAULT_SCRYPT, salt: salt.toString("hex") },
    cipher: { name: "aes-256-gcm", iv: iv.toString("hex") },
  };
  const key = await scryptKey(passwordBytes(password), salt, VAULT_SCRYPT, 32);
  const plaintext = Buffer.from(JSON.stringify(VaultSecretsSchema.parse(secrets)), "utf8");
  try {
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(associatedData(header));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    // Parsing what we are about to write guarantees we never write a vault we cannot read back.
    return VaultFileSchema.parse({
      ...header,
      cipher: { ...header.cipher, tag: cipher.getAuthTag().toString("hex") },
      ciphertext: ciphertext.toString("hex"),
    });
  } finally {
    key.fill(0);
    plaintext.fill(0);
  }
}

/**
 * Decrypts the vault. A wrong password, or any edit to the header or ciphertext, fails GCM's
 * tag check and throws WrongPasswordError; unauthenticated plaintext is wiped, never returned.
 */
export async function openVault(file: VaultFile, password: string): Promise<VaultSecrets> {
  const key = await scryptKey(passwordBytes(password), Buffer.from(file.kdf.salt, "hex"), file.kdf, 32);
  let plaintext: Buffer | undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(file.cipher.iv, "hex"), {
      authTagLength: 16,
    });
    decipher.setAAD(associatedData(file));
    decipher.setAuthTag(Buffer.from(file.cipher.tag, "hex"));
    plaintext = decipher.update(Buffer.from(file.ciphertext, "hex"));
    try {
      decipher.final();
    } catch {
      throw new WrongPasswordError();
    }
    return parseSecrets(plaintext);
  } finally {
    key.fill(0);
    plaintext?.fill(0);
  }
}

/** The decrypted payload, validated. Errors never quote it: JSON.parse's would show a slice of the secrets. */
function parseSecrets(plaintext: Buffer): VaultSecrets {
  let json: unknown;
  try {
    json = JSON.parse(plaintext.toString("utf8"));
  } catch {
    throw new Error("the vault is corrupt: its secret payload is not JSON");
  }
  const parsed = VaultSecretsSchema.safeParse(json);
  if (!parsed.success) throw new Error("the vault is corrupt: unexpected secret payload");
  return parsed.data;
}
