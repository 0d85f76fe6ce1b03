import {
  ChallengeSchema,
  clientProofMessage,
  MAX_HANDSHAKE_FRAME_BYTES,
  normalizePairingCode,
  PAIR_KDF_ITERATIONS,
  PairChallengeSchema,
  PairedSchema,
  PairFailedSchema,
  type ProofContext,
  pairClientProofMessage,
  pairServerProofMessage,
  ReadySchema,
  serverProofMessage,
  WS_AUTH_VERSION,
} from "../../../protocol/wsAuth.js";
import {
  openSession,
  type SocketSession,
  type VerifiedSocket,
  type WebSocketConstructor,
} from "./socketSession.js";

/**
 * The extension's side of the loopback WebSocket handshake (protocol/wsAuth.ts; docs/security.md
 * T4, T5). Any local process may be listening on a port in the range, so nothing but a random
 * nonce is sent until the host has proven, with an HMAC over our nonce, its nonce, the port and
 * our origin, that it knows our credential.
 */

export type { VerifiedSocket, WebSocketConstructor } from "./socketSession.js";

/** Message of the error when a port answered but could not prove it is our host. */
export const HOST_UNVERIFIED = "host unverified";

/** A port answered but could not prove it is our host: an impostor, or a host with another secret. */
export class HostUnverifiedError extends Error {
  override name = "HostUnverifiedError";
  constructor() {
    super(HOST_UNVERIFIED);
  }
}
/** Message when the verified host refused our proof (credential for another origin). */
export const HOST_REFUSED = "host refused authentication";
/** Message when no port in the range answered at all. */
export const HOST_NOT_FOUND = "host not found";
/** Pairing: a wrong code and an impostor look the same from here. */
export const PAIRING_UNVERIFIED = "pairing code not accepted or host unverified";
/** Pairing: nothing in the range took the pairing path (no host, or no live code). */
export const PAIRING_NO_HOST = "no host is waiting for a pairing code";
/** Pairing: the genuine host refused (no live code, expired, or too many attempts). */
export const PAIRING_REFUSED = "pairing code refused";

const encoder = new TextEncoder();

function randomHex(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(32)));
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Decodes hex already checked by a schema (even length, lowercase). */
function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

type Schema<T> = { safeParse(v: unknown): { success: boolean; data?: T } };

/** Parses one handshake frame against `schema`; null on anything unexpected. */
function parseWith<T>(frame: string, schema: Schema<T>): T | null {
  if (frame.length > MAX_HANDSHAKE_FRAME_BYTES) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(frame));
    return parsed.success ? (parsed.data as T) : null;
  } catch {
    return null;
  }
}

/** Reads the next frame and validates it against `schema`; null on anything unexpected. */
async function read<T>(session: SocketSession, schema: Schema<T>): Promise<T | null> {
  const frame = await session.next();
  return frame === null ? null : parseWith(frame, schema);
}

/** WebCrypto's HMAC verify compares in constant time. */
function verify(key: CryptoKey, proofHex: string, message: string): Promise<boolean> {
  return crypto.subtle.verify("HMAC", key, fromHex(proofHex), encoder.encode(message));
}

async function sign(key: CryptoKey, message: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message))));
}

interface PortOptions {
  ports: number[];
  origin: string;
  timeoutMs: number;
  /** Defaults to `globalThis.WebSocket`; tests pass the `ws` package's class. */
  WebSocketImpl?: WebSocketConstructor;
}

type Outcome<T> = { kind: "ok"; value: T } | { kind: "unreachable" | "unverified" | "refused" };

/**
 * Runs `attempt` on every port of the range at once and keeps the first (in port order) that
 * succeeds. All at once: other programs (another profile's host, something unrelated) may hold
 * ports before ours, and a busy one must not use up the time the caller gave us for the scan.
 * It resolves as soon as a port succeeds and every port before it has failed, without waiting
 * for the ports after it (each may sit out Chromium's WebSocket throttle, see webSocketTransport.ts);
 * `discard` closes any other success, early or late, which only a duplicate host could produce.
 */
function eachPort<T>(
  opts: PortOptions,
  attempt: (session: SocketSession, port: number) => Promise<Outcome<T>>,
  discard: (value: T) => void = () => undefined,
): Promise<Outcome<T>[]> {
  const WebSocketImpl = opts.WebSocketImpl ?? (globalThis.WebSocket as unknown as WebSocketConstructor);
  const outcomes: (Outcome<T> | undefined)[] = opts.ports.map(() => undefined);
  let chosen: Outcome<T> | undefined;
  return new Promise((resolve) => {
    const decide = () => {
      for (const outcome of outcomes) {
        if (outcome === undefined) return; // a port before any success is still trying
        if (outcome.kind === "ok") {
          chosen = outcome;
          for (const other of outcomes) if (other !== outcome && other?.kind === "ok") discard(other.value);
          resolve([outcome]);
          return;
        }
      }
      resolve(outcomes as Outcome<T>[]);
    };
    opts.ports.forEach(async (port, i) => {
      let outcome: Outcome<T> = { kind: "unreachable" };
      let session: SocketSession | null = null;
      try {
        session = await openSession(WebSocketImpl, `ws://127.0.0.1:${port}`, opts.timeoutMs);
        if (session !== null) outcome = await attempt(session, port);
      } catch {
        outcome = { kind: "unverified" }; // a peer whose answers break the checks is not ours
      }
      if (outcome.kind !== "ok") session?.close();
      if (chosen !== undefined) {
        if (outcome.kind === "ok") discard(outcome.value);
        return;
      }
      outcomes[i] = outcome;
      decide();
    });
    decide(); // an empty range
  });
}

/**
 * Finds our host on the first port in `ports` that proves itself, authenticates to it with the
 * per-origin credential `key` (non-extractable HMAC key, credentialStore.ts) and resolves the
 * transport. Rejects with {@link HostUnverifiedError} when some port answered without a valid
 * proof (an impostor, or a host with another secret: pair again), else {@link HOST_REFUSED} or
 * {@link HOST_NOT_FOUND}.
 */
export async function openVerifiedSocket(opts: PortOptions & { key: CryptoKey }): Promise<VerifiedSocket> {
  const outcomes = await eachPort<VerifiedSocket>(
    opts,
    async (session, port) => {
      const clientNonce = randomHex();
      session.send(JSON.stringify({ t: "hello", v: WS_AUTH_VERSION, nonce: clientNonce }));
      const challenge = await read(session, ChallengeSchema);
      if (challenge === null) return { kind: "unverified" };
      const ctx: ProofContext = { clientNonce, serverNonce: challenge.nonce, origin: opts.origin, port };
      // The only message sent before this check is the hello with a random nonce.
      if (!(await verify(opts.key, challenge.proof, serverProofMessage(ctx)))) return { kind: "unverified" };
      const proof = await sign(opts.key, clientProofMessage(ctx));
      session.send(JSON.stringify({ t: "auth", v: WS_AUTH_VERSION, proof }));
      if ((await read(session, ReadySchema)) === null) return { kind: "refused" };
      return { kind: "ok", value: session.detach() };
    },
    (transport) => transport.close(),
  );
  const first = outcomes[0];
  if (first?.kind === "ok") return first.value;
  if (outcomes.some((o) => o.kind === "unverified")) throw new HostUnverifiedError();
  throw new Error(outcomes.some((o) => o.kind === "refused") ? HOST_REFUSED : HOST_NOT_FOUND);
}

/** K = PBKDF2-SHA256(code, salt), as an HMAC key; the same derivation as the host's pairing.ts. */
async function pairingKey(code: string, saltHex: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey("raw", encoder.encode(code), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: fromHex(saltHex), iterations: PAIR_KDF_ITERATIONS },
    material,
    256,
  );
  return crypto.subtle.importKey("raw", bits, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

/**
 * Pairs with the host using the code the user typed (printed by `vaughan-host pair`) and
 * resolves this origin's raw credential, to be passed straight to `saveCredential`. The code
 * never crosses the wire: the host proves it knows it first, then we do; a squatter on the
 * port learns nothing it could relay. The host binds the Origin header the browser set.
 */
export async function pairOverWebSocket(opts: PortOptions & { code: string }): Promise<Uint8Array> {
  const code = normalizePairingCode(opts.code);
  if (code === null) throw new Error("invalid pairing code");
  const outcomes = await eachPort<Uint8Array>(opts, async (session, port) => {
    const clientNonce = randomHex();
    session.send(JSON.stringify({ t: "pair", v: WS_AUTH_VERSION, nonce: clientNonce }));
    const frame = await session.next();
    const challenge = frame === null ? null : parseWith(frame, PairChallengeSchema);
    if (challenge === null)
      return { kind: frame !== null && parseWith(frame, PairFailedSchema) ? "refused" : "unverified" };
    const key = await pairingKey(code, challenge.salt);
    const ctx: ProofContext = { clientNonce, serverNonce: challenge.nonce, origin: opts.origin, port };
    if (!(await verify(key, challenge.proof, pairServerProofMessage(ctx)))) return { kind: "unverified" };
    const proof = await sign(key, pairClientProofMessage(ctx));
    session.send(JSON.stringify({ t: "pair-auth", v: WS_AUTH_VERSION, proof }));
    const paired = await read(session, PairedSchema);
    if (paired === null) return { kind: "refused" };
    return { kind: "ok", value: fromHex(paired.credential) };
  });
  const first = outcomes[0];
  if (first?.kind === "ok") return first.value;
  if (outcomes.some((o) => o.kind === "refused")) throw new Error(PAIRING_REFUSED);
  // A browser cannot see the 403 a host sends when no code is live; it looks like no host.
  throw new Error(outcomes.some((o) => o.kind === "unverified") ? PAIRING_UNVERIFIED : PAIRING_NO_HOST);
}
