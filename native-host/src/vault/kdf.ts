import { pbkdf2, scrypt } from "node:crypto";
import { scryptAsync } from "@noble/hashes/scrypt";

/** scrypt cost parameters (RFC 7914): N is the CPU/memory cost, r the block size, p the parallelism. */
export interface ScryptParams {
  n: number;
  r: number;
  p: number;
}

/**
 * The memory scrypt needs, with room to spare: 128·N·r bytes for its table plus 128·r·p for
 * the blocks. Node refuses anything above 32 MiB unless told, and N = 2^18, r = 8 needs 256 MiB.
 */
function maxmem({ n, r, p }: ScryptParams): number {
  return 128 * n * r + 128 * r * p + 16 * 1024 * 1024;
}

/**
 * scrypt on libuv's thread pool, so a 0.5–1 s derivation never blocks the daemon's event loop
 * (frames keep flowing, timers keep firing). https://www.rfc-editor.org/rfc/rfc7914
 *
 * OpenSSL enforces RFC 7914's N < 2^(16·r), which keystores from geth do not (the spec's own
 * test vector has N = 2^18, r = 1). Those few files go to @noble/hashes instead, which yields
 * to the event loop every few milliseconds while it works.
 */
export async function scryptKey(
  password: string | Uint8Array,
  salt: Uint8Array,
  params: ScryptParams,
  dklen: number,
): Promise<Buffer> {
  if (16 * params.r < 31 && params.n >= 2 ** (16 * params.r)) {
    const key = await scryptAsync(passwordBytes(password), salt, {
      N: params.n,
      r: params.r,
      p: params.p,
      dkLen: dklen,
      maxmem: maxmem(params),
    });
    return Buffer.from(key.buffer, key.byteOffset, key.byteLength);
  }
  return new Promise((resolve, reject) => {
    scrypt(
      passwordBytes(password),
      salt,
      dklen,
      { N: params.n, r: params.r, p: params.p, maxmem: maxmem(params) },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/** PBKDF2 on the thread pool. https://www.rfc-editor.org/rfc/rfc8018#section-5.2 */
export function pbkdf2Key(
  password: string | Uint8Array,
  salt: Uint8Array,
  iterations: number,
  dklen: number,
  digest: "sha256" | "sha512",
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(passwordBytes(password), salt, iterations, dklen, digest, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * Strings are hashed as their UTF-8 bytes, unnormalized: formats differ on normalization
 * (geth none, ethers NFKC, BIP-39 NFKD), so each caller applies its own format's rule.
 */
function passwordBytes(password: string | Uint8Array): Buffer {
  return typeof password === "string" ? Buffer.from(password, "utf8") : Buffer.from(password);
}
