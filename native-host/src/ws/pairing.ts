import { pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import {
  isExtensionOrigin,
  normalizePairingCode,
  PAIR_CODE_ALPHABET,
  PAIR_KDF_ITERATIONS,
} from "../../../protocol/wsAuth.js";
import { atomicWrite } from "../atomicWrite.js";
import { assertPrivate, ensureHome } from "../home.js";
import { assertPrivateFile, loadOrCreateSecret, originCredential } from "./secret.js";

/** How long a pairing code lives. */
export const PAIRING_TTL_MS = 5 * 60_000;
/** Wrong proofs, and challenges issued, a code survives before it is burned. */
export const PAIRING_MAX_ATTEMPTS = 5;

const PENDING_FILE = "pairing.json";
const PAIRED_FILE = "paired.json";

/** Why a pairing failed; logged by the server, never shown with the code. */
export class PairingError extends Error {
  override name = "PairingError";
  constructor(readonly reason: "no-code" | "expired" | "exhausted" | "wrong-code" | "bad-origin") {
    super(`pairing refused: ${reason}`);
  }
}

const HexSchema = z
  .string()
  .regex(/^[0-9a-f]+$/)
  .max(128);
const PendingSchema = z
  .object({
    v: z.literal(1),
    salt: HexSchema,
    key: HexSchema,
    expiresAt: z.number().int(),
    attemptsLeft: z.number().int().min(0).max(PAIRING_MAX_ATTEMPTS),
  })
  .strict();
type Pending = z.infer<typeof PendingSchema>;
/** Paired origins kept; binding one more drops the one unused the longest. */
export const MAX_PAIRED_ORIGINS = 64;
const PairedSchema = z
  .object({ v: z.literal(1), origins: z.array(z.string().max(256)).max(MAX_PAIRED_ORIGINS) })
  .strict();

/** The pairing key of a code: PBKDF2-SHA256 so the server's proof cannot be brute-forced in time. */
export function pairingKey(code: string, salt: Buffer): Buffer {
  return pbkdf2Sync(code, salt, PAIR_KDF_ITERATIONS, 32, "sha256");
}

/**
 * Creates the one live pairing code (replacing any earlier one) and returns it as `XXXX-XXXX`:
 * 40 random bits over {@link PAIR_CODE_ALPHABET}. Only a salted PBKDF2 key of it is stored.
 */
export function createPairingCode(home: string, now = Date.now()): string {
  ensureHome(home);
  assertPrivate(home, "dir");
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let code = "";
  // 32 symbols = 5 bits each, so every symbol is uniform (no modulo bias).
  for (let i = 0; i < 8; i++) code += PAIR_CODE_ALPHABET[Number((bits >> BigInt(35 - 5 * i)) & 31n)];
  const salt = randomBytes(16);
  const pending: Pending = {
    v: 1,
    salt: salt.toString("hex"),
    key: pairingKey(code, salt).toString("hex"),
    expiresAt: now + PAIRING_TTL_MS,
    attemptsLeft: PAIRING_MAX_ATTEMPTS,
  };
  atomicWrite(join(home, PENDING_FILE), JSON.stringify(pending));
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function readPending(home: string, now: number): Pending {
  const path = join(home, PENDING_FILE);
  if (!existsSync(path)) throw new PairingError("no-code");
  assertPrivateFile(path);
  const parsed = PendingSchema.safeParse(parseOrNull(readFileSync(path, "utf8")));
  if (!parsed.success) {
    unlinkSync(path);
    throw new PairingError("no-code");
  }
  const pending = parsed.data;
  if (now >= pending.expiresAt || pending.attemptsLeft <= 0) {
    unlinkSync(path);
    throw new PairingError(now >= pending.expiresAt ? "expired" : "exhausted");
  }
  return pending;
}

function spendAttempt(home: string, pending: Pending): void {
  const path = join(home, PENDING_FILE);
  const left = pending.attemptsLeft - 1;
  if (left <= 0) unlinkSync(path);
  else atomicWrite(path, JSON.stringify({ ...pending, attemptsLeft: left }));
}

/**
 * For the server's `pair-challenge`: the live code's salt and key. Each call spends an attempt,
 * since every challenge hands a caller one (slow) offline guess check.
 */
export function pairingChallengeKey(home: string, now = Date.now()): { salt: Buffer; key: Buffer } {
  const pending = readPending(home, now);
  spendAttempt(home, pending);
  return { salt: Buffer.from(pending.salt, "hex"), key: Buffer.from(pending.key, "hex") };
}

/**
 * Finishes a pairing whose proof `check(key)` verifies against the live code's key: burns the
 * code first (single use even if binding fails), binds `origin` into paired.json and returns
 * its credential. `check(key, salt)` must compare in constant time. A failed check spends an attempt and throws {@link PairingError}.
 */
export function completePairing(
  home: string,
  origin: string,
  check: (key: Buffer, salt: Buffer) => boolean,
  now = Date.now(),
  log?: PairingLog,
): Buffer {
  if (!isExtensionOrigin(origin)) throw new PairingError("bad-origin");
  const pending = readPending(home, now);
  if (!check(Buffer.from(pending.key, "hex"), Buffer.from(pending.salt, "hex"))) {
    spendAttempt(home, pending);
    throw new PairingError("wrong-code");
  }
  unlinkSync(join(home, PENDING_FILE));
  return bindOrigin(home, origin, log);
}

/** Where pairing writes its log line when it drops an origin. */
export type PairingLog = (event: Record<string, unknown>) => void;

/**
 * Binds an extension origin into paired.json and returns its credential. Called after a
 * pairing proof, or when the browser itself vouched for the extension over native messaging.
 */
export function bindOrigin(home: string, origin: string, log?: PairingLog): Buffer {
  if (!isExtensionOrigin(origin)) throw new PairingError("bad-origin");
  const secret = loadOrCreateSecret(home);
  markPairedUsed(home, origin, log);
  return originCredential(secret, origin);
}

/**
 * Moves `origin` to the end of paired.json, which is kept in order of last use (pairing, a
 * native hand-off, a WebSocket authentication), adding it when absent. Firefox gives every
 * install a new random origin, so the list grows; past {@link MAX_PAIRED_ORIGINS} the origin
 * unused the longest is dropped, with a log line, rather than the file failing its schema and
 * every pairing being lost. Writes only when the order changes.
 */
export function markPairedUsed(home: string, origin: string, log?: PairingLog): void {
  const origins = pairedOrigins(home);
  if (origins.at(-1) === origin) return;
  const next = [...origins.filter((o) => o !== origin), origin];
  while (next.length > MAX_PAIRED_ORIGINS) {
    const dropped = next.shift();
    log?.({ event: "pairing-dropped", origin: dropped, reason: `over ${MAX_PAIRED_ORIGINS} paired origins` });
  }
  atomicWrite(join(home, PAIRED_FILE), JSON.stringify({ v: 1, origins: next }));
}

/**
 * Redeems a typed code directly (same rules as the WebSocket path: constant-time compare,
 * expiry, {@link PAIRING_MAX_ATTEMPTS}, single use) and returns `origin`'s credential.
 */
export function redeemPairingCode(home: string, code: string, origin: string, now = Date.now()): Buffer {
  const canonical = normalizePairingCode(code);
  return completePairing(
    home,
    origin,
    (key, salt) => canonical !== null && timingSafeEqual(pairingKey(canonical, salt), key),
    now,
  );
}

/**
 * Whether a usable code is waiting, without spending an attempt. The server opens the pairing
 * path to not-yet-allowed extension origins only then, so outside the 5 minutes after
 * `vaughan-host pair` every origin not in the allowlist gets a plain 403.
 */
export function hasLivePairingCode(home: string, now = Date.now()): boolean {
  try {
    readPending(home, now);
    return true;
  } catch (error) {
    if (error instanceof PairingError) return false;
    throw error;
  }
}

/** Extension origins bound by a completed pairing. */
export function pairedOrigins(home: string): string[] {
  const path = join(home, PAIRED_FILE);
  if (!existsSync(path)) return [];
  assertPrivateFile(path);
  const parsed = PairedSchema.safeParse(parseOrNull(readFileSync(path, "utf8")));
  // A malformed file grants nothing rather than crashing the daemon.
  return parsed.success ? parsed.data.origins.filter(isExtensionOrigin) : [];
}
