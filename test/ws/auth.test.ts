import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPairingCode } from "../../native-host/src/ws/pairing.js";
import { clientProofMessage, serverProofMessage } from "../../protocol/wsAuth.js";
import {
  closed,
  type Harness,
  hmacHex,
  nextMessage,
  ORIGIN,
  OTHER_EXTENSION,
  openClient,
  startHarness,
} from "./helpers.js";

// docs/security.md tests 3 and 4, and the handshake's other failure modes.
describe("handshake", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ authTimeoutMs: 300 });
  });
  afterEach(() => h.stop());

  const ctx = (clientNonce: string, serverNonce: string) => ({
    clientNonce,
    serverNonce,
    origin: ORIGIN,
    port: h.port,
  });

  /** Runs the client side with node crypto; returns the socket and the messages it saw. */
  async function authenticate(clientNonce = randomBytes(32).toString("hex")) {
    const ws = await openClient(h.port);
    ws.send(JSON.stringify({ t: "hello", v: 1, nonce: clientNonce }));
    const challenge = JSON.parse(await nextMessage(ws));
    expect(challenge.proof).toBe(
      hmacHex(h.credential, serverProofMessage(ctx(clientNonce, challenge.nonce))),
    );
    const auth = {
      t: "auth",
      v: 1,
      proof: hmacHex(h.credential, clientProofMessage(ctx(clientNonce, challenge.nonce))),
    };
    ws.send(JSON.stringify(auth));
    expect(JSON.parse(await nextMessage(ws))).toEqual({ t: "ready", v: 1 });
    return { ws, auth, challenge, clientNonce };
  }

  it("a JSON-RPC request before auth: closed within 1 s, no response, one audit line", async () => {
    const ws = await openClient(h.port);
    const received: string[] = [];
    ws.on("message", (data) => received.push(String(data)));
    const done = closed(ws);
    ws.send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_accounts" }));
    const { code, ms } = await done;
    expect(code).toBe(1008);
    expect(ms).toBeLessThan(1000);
    expect(received).toEqual([]);
    expect(h.logs).toEqual([
      expect.objectContaining({ event: "ws.auth-failed", reason: "unexpected-message" }),
    ]);
    expect(h.connections).toEqual([]);
  });

  it("authenticates with the right proofs and then carries text both ways", async () => {
    const { ws } = await authenticate();
    expect(h.connections).toHaveLength(1);
    expect(h.connections[0]?.origin).toBe(ORIGIN);
    ws.send("ping");
    expect(await nextMessage(ws)).toBe("echo:ping");
    expect(h.server.stats()).toMatchObject({ connections: 1, authenticated: 1, authFailures: 0 });
    ws.close();
  });

  it("refuses a wrong proof", async () => {
    const ws = await openClient(h.port);
    ws.send(JSON.stringify({ t: "hello", v: 1, nonce: randomBytes(32).toString("hex") }));
    await nextMessage(ws);
    const done = closed(ws);
    ws.send(JSON.stringify({ t: "auth", v: 1, proof: randomBytes(32).toString("hex") }));
    expect((await done).code).toBe(1008);
    expect(h.logs).toEqual([expect.objectContaining({ reason: "bad-proof" })]);
    expect(h.connections).toEqual([]);
  });

  it("refuses a replayed proof: the server nonce is fresh per connection", async () => {
    const first = await authenticate();
    first.ws.close();
    const ws = await openClient(h.port);
    ws.send(JSON.stringify({ t: "hello", v: 1, nonce: first.clientNonce }));
    const challenge = JSON.parse(await nextMessage(ws));
    expect(challenge.nonce).not.toBe(first.challenge.nonce);
    const done = closed(ws);
    ws.send(JSON.stringify(first.auth));
    expect((await done).code).toBe(1008);
    expect(h.connections).toHaveLength(1);
  });

  it("refuses the server's own proof reflected back as the client's", async () => {
    const ws = await openClient(h.port);
    ws.send(JSON.stringify({ t: "hello", v: 1, nonce: randomBytes(32).toString("hex") }));
    const challenge = JSON.parse(await nextMessage(ws));
    const done = closed(ws);
    ws.send(JSON.stringify({ t: "auth", v: 1, proof: challenge.proof }));
    expect((await done).code).toBe(1008);
  });

  it.each([
    ["bad JSON", "{"],
    ["an extra key", JSON.stringify({ t: "hello", v: 1, nonce: "a".repeat(64), x: 1 })],
    ["another version", JSON.stringify({ t: "hello", v: 2, nonce: "a".repeat(64) })],
    ["a short nonce", JSON.stringify({ t: "hello", v: 1, nonce: "ab" })],
    ["auth first", JSON.stringify({ t: "auth", v: 1, proof: "a".repeat(64) })],
  ])("closes on %s before auth", async (_name, text) => {
    const ws = await openClient(h.port);
    const done = closed(ws);
    ws.send(text);
    expect((await done).code).toBe(1008);
    expect(h.logs).toHaveLength(1);
  });

  it("closes on a binary frame before auth", async () => {
    const ws = await openClient(h.port);
    const done = closed(ws);
    ws.send(Buffer.from("{}"));
    expect((await done).code).toBe(1008);
  });

  it("closes a silent peer at the auth timeout", async () => {
    const ws = await openClient(h.port);
    const { code, ms } = await closed(ws);
    expect(code).toBe(1008);
    expect(ms).toBeLessThan(1000);
    expect(h.logs).toEqual([expect.objectContaining({ reason: "timeout" })]);
  });

  it("lets a pair-only origin pair but not say hello", async () => {
    createPairingCode(h.home);
    const ws = await openClient(h.port, OTHER_EXTENSION);
    const done = closed(ws);
    ws.send(JSON.stringify({ t: "hello", v: 1, nonce: randomBytes(32).toString("hex") }));
    expect((await done).code).toBe(1008);
    expect(h.logs).toEqual([expect.objectContaining({ reason: "origin-not-paired" })]);
  });

  it("refuses binary frames after auth with 1003", async () => {
    const { ws } = await authenticate();
    const done = closed(ws);
    ws.send(Buffer.from([1, 2, 3]));
    expect((await done).code).toBe(1003);
  });
});

describe("heartbeat", () => {
  it("terminates a peer that stops answering pings", async () => {
    const h = await startHarness({ heartbeatMs: 100, authTimeoutMs: 10_000 });
    try {
      const ws = await openClient(h.port, undefined, { autoPong: false });
      const { code, ms } = await closed(ws);
      expect(code).toBe(1006);
      expect(ms).toBeLessThan(1000);
    } finally {
      await h.stop();
    }
  });
});

describe("clients looking for their own host", () => {
  it("are not held against their address when they leave after the challenge", async () => {
    const h = await startHarness({ limits: { freeFailures: 1, baseBackoffMs: 30_000 } });
    try {
      // An extension paired with another host reads our challenge, cannot verify it, and leaves.
      for (let i = 0; i < 5; i++) {
        const ws = await openClient(h.port);
        ws.send(JSON.stringify({ t: "hello", v: 1, nonce: randomBytes(32).toString("hex") }));
        await nextMessage(ws);
        const done = closed(ws);
        ws.close();
        await done;
      }
      await new Promise((r) => setTimeout(r, 50));
      expect(h.logs.filter((l) => l.event === "ws.auth-failed")).toEqual([]);
      expect(h.logs.filter((l) => l.event === "ws.left-after-challenge")).toHaveLength(5);
      // The genuine extension still gets in at once.
      const ws = await openClient(h.port);
      ws.send(JSON.stringify({ t: "hello", v: 1, nonce: randomBytes(32).toString("hex") }));
      expect(JSON.parse(await nextMessage(ws))).toMatchObject({ t: "challenge" });
      ws.close();
    } finally {
      await h.stop();
    }
  });
});
