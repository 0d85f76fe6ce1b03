import { createHmac, randomBytes } from "node:crypto";
import { lstatSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CREDENTIAL_LABEL } from "../../../protocol/wsAuth.js";
import { atomicWrite } from "../atomicWrite.js";
import { INSTALL_SECRET_FILE } from "../daemon/serverProof.js";
import { assertPrivate, ensureHome } from "../home.js";

const SECRET_BYTES = 32;

/**
 * Throws unless `path` is a regular file (not a symlink another user could point elsewhere)
 * readable by its owner only.
 */
export function assertPrivateFile(path: string): void {
  if (!lstatSync(path).isFile()) throw new Error(`${path} is not a regular file`);
  assertPrivate(path, "file");
}

/**
 * The per-install secret behind every WebSocket credential (docs/security.md T4): 32 random bytes in
 * `<home>/ws-secret`, created 0600 in a 0700 folder on first use. Throws, and the host refuses to
 * start, when the folder or the file is readable by anyone else: a secret others can read
 * authenticates nothing. Only the daemon calls this, so two creators never race. The daemon
 * also proves it knows this secret to its relays and the CLI (daemon/serverProof.ts).
 */
export function loadOrCreateSecret(home: string): Buffer {
  ensureHome(home);
  assertPrivate(home, "dir");
  const path = join(home, INSTALL_SECRET_FILE);
  let exists = true;
  try {
    lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    exists = false;
  }
  if (!exists) atomicWrite(path, randomBytes(SECRET_BYTES));
  assertPrivateFile(path);
  const secret = readFileSync(path);
  if (secret.length !== SECRET_BYTES) {
    throw new Error(`${path} holds ${secret.length} bytes; expected ${SECRET_BYTES}`);
  }
  return secret;
}

/**
 * An origin's credential: HMAC-SHA256(installSecret, "vaughan-pair-v1:" + origin). The extension
 * receives this, never the install secret, and the origin is inside the MAC, so a credential
 * leaked from one extension cannot authenticate another.
 */
export function originCredential(secret: Buffer, origin: string): Buffer {
  return createHmac("sha256", secret).update(`${CREDENTIAL_LABEL}${origin}`, "utf8").digest();
}
