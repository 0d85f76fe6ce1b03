import * as z from "zod";
import "./zodConfig.js";

/**
 * The loopback WebSocket's handshake, version 1 (docs/security.md T4, T5). Every message
 * before `ready` or `paired` is one of these strict schemas; anything else closes the socket.
 *
 * Authenticated connection (extension already holds its per-origin credential `C`):
 *   client → `hello {nonce: cN}`
 *   server → `challenge {nonce: sN, proof: HMAC(C, serverProofMessage)}`   host proves first
 *   client → `auth {proof: HMAC(C, clientProofMessage)}`                   only after verifying
 *   server → `ready`
 *
 * Pairing (the user typed the code printed by `vaughan-host pair`): the code never crosses the
 * wire, so a process squatting the port learns nothing it could relay to the real host.
 *   client → `pair {nonce: cN}`
 *   server → `pair-challenge {nonce: sN, salt, proof: HMAC(K, pairServerProofMessage)}`
 *            where K = PBKDF2-SHA256(code, salt, PAIR_KDF_ITERATIONS), or `pair-failed`
 *   client → `pair-auth {proof: HMAC(K, pairClientProofMessage)}`           only after verifying
 *   server → `paired {credential}` (or `pair-failed`), then closes
 * The server's proof is an offline oracle for the code, so K is slow to compute and the code
 * lives 5 minutes: 2^40 PBKDF2 runs do not fit in that window.
 *
 * Every proof also binds the port (see {@link ProofContext}).
 *
 * Runtime-neutral: no `node:` or DOM imports; each side computes HMACs with its own crypto.
 */

/** Version carried in every handshake message. */
export const WS_AUTH_VERSION = 1;
/** Largest handshake frame accepted by either side; real ones are under 300 bytes. */
export const MAX_HANDSHAKE_FRAME_BYTES = 1024;
/** PBKDF2-SHA256 iterations that turn a pairing code into its key. */
export const PAIR_KDF_ITERATIONS = 100_000;
/** Label HMAC'd with an origin, under the install secret, to give that origin's credential. */
export const CREDENTIAL_LABEL = "vaughan-pair-v1:";

/** 32 random bytes as lowercase hex. */
const Hex32Schema = z.string().regex(/^[0-9a-f]{64}$/);
const Hex16Schema = z.string().regex(/^[0-9a-f]{32}$/);
const V = z.literal(WS_AUTH_VERSION);

export const HelloSchema = z.object({ t: z.literal("hello"), v: V, nonce: Hex32Schema }).strict();
export const ChallengeSchema = z
  .object({ t: z.literal("challenge"), v: V, nonce: Hex32Schema, proof: Hex32Schema })
  .strict();
export const AuthSchema = z.object({ t: z.literal("auth"), v: V, proof: Hex32Schema }).strict();
export const ReadySchema = z.object({ t: z.literal("ready"), v: V }).strict();

export const PairSchema = z.object({ t: z.literal("pair"), v: V, nonce: Hex32Schema }).strict();
export const PairChallengeSchema = z
  .object({ t: z.literal("pair-challenge"), v: V, nonce: Hex32Schema, salt: Hex16Schema, proof: Hex32Schema })
  .strict();
export const PairAuthSchema = z.object({ t: z.literal("pair-auth"), v: V, proof: Hex32Schema }).strict();
export const PairedSchema = z.object({ t: z.literal("paired"), v: V, credential: Hex32Schema }).strict();
export const PairFailedSchema = z.object({ t: z.literal("pair-failed"), v: V }).strict();

/** The first message a client may send. */
export const ClientFirstSchema = z.discriminatedUnion("t", [HelloSchema, PairSchema]);

export type Hello = z.infer<typeof HelloSchema>;
export type Challenge = z.infer<typeof ChallengeSchema>;
export type Auth = z.infer<typeof AuthSchema>;
export type Ready = z.infer<typeof ReadySchema>;
export type Pair = z.infer<typeof PairSchema>;
export type PairChallenge = z.infer<typeof PairChallengeSchema>;
export type PairAuth = z.infer<typeof PairAuthSchema>;
export type Paired = z.infer<typeof PairedSchema>;
export type PairFailed = z.infer<typeof PairFailedSchema>;
export type ClientFirst = z.infer<typeof ClientFirstSchema>;

/**
 * What each proof covers. `port` is the port the client dialled and the server listens on:
 * only one process can listen on 127.0.0.1:PORT, so a process squatting another port in the
 * range cannot relay a genuine handshake through itself (the two sides would disagree on it).
 */
export interface ProofContext {
  clientNonce: string;
  serverNonce: string;
  origin: string;
  port: number;
}

/*
 * The proof messages. Each names its direction, so a server proof can never be replayed as a
 * client proof, and binds the origin, so a proof made for one extension is worthless for
 * another. Nonces are fixed-length hex and ports digits, so fields cannot run into each other.
 */

/** What the host HMACs to prove it holds the credential. */
export function serverProofMessage(c: ProofContext): string {
  return `server|${c.clientNonce}|${c.serverNonce}|${c.port}|${c.origin}`;
}

/** What the extension HMACs to prove it holds the credential. */
export function clientProofMessage(c: ProofContext): string {
  return `client|${c.clientNonce}|${c.serverNonce}|${c.port}|${c.origin}`;
}

/** What the host HMACs under the pairing key to prove it issued the code. */
export function pairServerProofMessage(c: ProofContext): string {
  return `pair-server|${c.clientNonce}|${c.serverNonce}|${c.port}|${c.origin}`;
}

/** What the extension HMACs under the pairing key to prove the user typed the code. */
export function pairClientProofMessage(c: ProofContext): string {
  return `pair-client|${c.clientNonce}|${c.serverNonce}|${c.port}|${c.origin}`;
}

/** Alphabet of pairing codes: base32 without 0, 1, I and O, which people misread. */
export const PAIR_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/**
 * A typed pairing code in canonical form (`XXXXXXXX`, upper case, no separator), or null when
 * it cannot be a code. Both sides derive the key from this form, so `abcd-efgh` works.
 */
export function normalizePairingCode(input: string): string | null {
  if (input.length > 32) return null;
  const code = input.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== 8) return null;
  for (const c of code) if (!PAIR_CODE_ALPHABET.includes(c)) return null;
  return code;
}

const CHROME_ORIGIN = /^chrome-extension:\/\/[a-p]{32}$/;
const FIREFOX_ORIGIN = /^moz-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * True for a syntactically valid extension origin (`chrome-extension://` + 32 of a–p, or
 * `moz-extension://` + a lowercase UUID). Only used to admit the pairing path: web pages cannot
 * send such an Origin, and pairing itself still needs the code.
 */
export function isExtensionOrigin(origin: string): boolean {
  return CHROME_ORIGIN.test(origin) || FIREFOX_ORIGIN.test(origin);
}
