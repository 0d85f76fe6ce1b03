import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { WebSocket } from "ws";
import {
  AuthSchema,
  ClientFirstSchema,
  clientProofMessage,
  MAX_HANDSHAKE_FRAME_BYTES,
  PairAuthSchema,
  type ProofContext,
  pairClientProofMessage,
  pairServerProofMessage,
  serverProofMessage,
  WS_AUTH_VERSION,
} from "../../../protocol/wsAuth.js";
import {
  completePairing,
  markPairedUsed,
  PairingError,
  pairedOrigins,
  pairingChallengeKey,
} from "./pairing.js";

/** What a handshake needs from the server. */
export interface HandshakeContext {
  origin: string;
  /** "auth" when Origin is allowed; "pair" when it is only a well-formed extension origin. */
  mode: "auth" | "pair";
  source: string;
  port: number;
  home: string;
  timeoutMs: number;
  credentialFor: (origin: string) => Buffer;
  log: (event: Record<string, unknown>) => void;
  /** The peer proved its credential; the socket now belongs to the caller. */
  onReady: () => void;
  /** Counted toward the per-source backoff. */
  onFailure: () => void;
  onPaired: () => void;
}

function hmac(key: Buffer, message: string): Buffer {
  return createHmac("sha256", key).update(message, "utf8").digest();
}

/** Constant-time comparison of a hex proof from the wire (already 64 hex chars) with ours. */
function proofMatches(hex: string, expected: Buffer): boolean {
  const given = Buffer.from(hex, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Runs the server side of the handshake in protocol/wsAuth.ts on a freshly upgraded socket.
 * Until `ready`, every frame must be the one expected schema: a JSON-RPC request, bad JSON,
 * binary, an oversized frame, a wrong or replayed proof, or silence past the timeout all end
 * in close 1008 with exactly one audit line and no reply. Replays fail because the server's
 * nonce is fresh for every connection and inside every proof.
 */
export function runHandshake(ws: WebSocket, ctx: HandshakeContext): void {
  const serverNonce = randomBytes(32).toString("hex");
  let state: "first" | "challenged" | "pair-challenged" | "over" = "first";
  let proof: ProofContext | undefined;
  let credential: Buffer | undefined;

  const send = (message: object) => ws.send(JSON.stringify(message));
  const fail = (reason: string) => {
    if (state === "over") return;
    state = "over";
    cleanup();
    ctx.onFailure();
    ctx.log({ event: "ws.auth-failed", reason, source: ctx.source, origin: ctx.origin, mode: ctx.mode });
    ws.close(1008, "unauthorized");
    // A peer that never answers the close frame is cut off rather than left half-open.
    setTimeout(() => ws.terminate(), 500).unref();
  };

  const timer = setTimeout(() => fail("timeout"), ctx.timeoutMs);
  timer.unref();
  const onClose = () => {
    // A client that leaves after our challenge, before giving any proof, is an extension
    // looking for its own host on the ports in the range (ours has another secret): logged,
    // not held against its source, since it guessed nothing.
    if (state === "challenged") {
      state = "over";
      cleanup();
      ctx.log({ event: "ws.left-after-challenge", source: ctx.source, origin: ctx.origin });
      return;
    }
    fail("closed-early");
  };
  const onMessage = (data: unknown, isBinary: boolean) => {
    // Length is checked before parsing: a 100,000-deep document never reaches JSON.parse.
    if (isBinary || !Buffer.isBuffer(data)) return fail("binary");
    if (data.length > MAX_HANDSHAKE_FRAME_BYTES) return fail("oversize");
    let message: unknown;
    try {
      message = JSON.parse(data.toString("utf8"));
    } catch {
      return fail("bad-json");
    }
    try {
      step(message);
    } catch (error) {
      fail(error instanceof PairingError ? error.reason : "internal");
    }
  };
  const cleanup = () => {
    clearTimeout(timer);
    ws.off("message", onMessage);
    ws.off("close", onClose);
  };

  const step = (message: unknown) => {
    if (state === "first") {
      const first = ClientFirstSchema.safeParse(message);
      if (!first.success) return fail("unexpected-message");
      proof = { clientNonce: first.data.nonce, serverNonce, origin: ctx.origin, port: ctx.port };
      if (first.data.t === "hello") {
        // Only an allowed origin has a credential; a merely well-formed one may only pair.
        if (ctx.mode !== "auth") return fail("origin-not-paired");
        credential = ctx.credentialFor(ctx.origin);
        state = "challenged";
        send({
          t: "challenge",
          v: WS_AUTH_VERSION,
          nonce: serverNonce,
          proof: hmac(credential, serverProofMessage(proof)).toString("hex"),
        });
        return;
      }
      let challenge: { salt: Buffer; key: Buffer };
      try {
        challenge = pairingChallengeKey(ctx.home);
      } catch (error) {
        if (error instanceof PairingError) send({ t: "pair-failed", v: WS_AUTH_VERSION });
        throw error;
      }
      state = "pair-challenged";
      send({
        t: "pair-challenge",
        v: WS_AUTH_VERSION,
        nonce: serverNonce,
        salt: challenge.salt.toString("hex"),
        proof: hmac(challenge.key, pairServerProofMessage(proof)).toString("hex"),
      });
      return;
    }
    if (state === "challenged" && proof && credential) {
      const auth = AuthSchema.safeParse(message);
      if (!auth.success) return fail("unexpected-message");
      if (!proofMatches(auth.data.proof, hmac(credential, clientProofMessage(proof))))
        return fail("bad-proof");
      state = "over";
      cleanup();
      send({ t: "ready", v: WS_AUTH_VERSION });
      ctx.log({ event: "ws.authenticated", source: ctx.source, origin: ctx.origin });
      // A paired origin in use moves to the end of the list, away from being dropped.
      if (pairedOrigins(ctx.home).includes(ctx.origin)) markPairedUsed(ctx.home, ctx.origin, ctx.log);
      ctx.onReady();
      return;
    }
    if (state === "pair-challenged" && proof) {
      const auth = PairAuthSchema.safeParse(message);
      if (!auth.success) return fail("unexpected-message");
      const context = proof;
      let issued: Buffer;
      try {
        issued = completePairing(
          ctx.home,
          ctx.origin,
          (key) => proofMatches(auth.data.proof, hmac(key, pairClientProofMessage(context))),
          Date.now(),
          ctx.log,
        );
      } catch (error) {
        if (error instanceof PairingError) send({ t: "pair-failed", v: WS_AUTH_VERSION });
        throw error;
      }
      state = "over";
      cleanup();
      send({ t: "paired", v: WS_AUTH_VERSION, credential: issued.toString("hex") });
      ctx.log({ event: "ws.paired", source: ctx.source, origin: ctx.origin });
      ctx.onPaired();
      ws.close(1000, "paired");
    }
  };

  ws.on("message", onMessage);
  ws.on("close", onClose);
}
