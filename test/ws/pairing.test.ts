import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import {
  openVerifiedSocket,
  PAIRING_NO_HOST,
  PAIRING_REFUSED,
  PAIRING_UNVERIFIED,
  pairOverWebSocket,
} from "../../extension/background/ws/clientHandshake.js";
import { createPairingCode, PAIRING_TTL_MS, pairedOrigins } from "../../native-host/src/ws/pairing.js";
import { loadOrCreateSecret, originCredential } from "../../native-host/src/ws/secret.js";
import {
  browserLikeWebSocket,
  type Harness,
  hmacKey,
  ORIGIN,
  OTHER_EXTENSION,
  startHarness,
} from "./helpers.js";

const FIREFOX = "moz-extension://0b3c6a2e-1f4d-4e8a-9c7b-5d6e7f8a9b0c";

describe("pairing over the WebSocket", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  const pair = (code: string, origin = FIREFOX, timeoutMs = 3000) =>
    pairOverWebSocket({
      ports: [h.port],
      code,
      origin,
      timeoutMs,
      WebSocketImpl: browserLikeWebSocket(origin),
    });

  it("pairs a new extension origin, which can then authenticate", async () => {
    const code = createPairingCode(h.home);
    const credential = await pair(code.toLowerCase());
    expect(Buffer.from(credential)).toEqual(originCredential(loadOrCreateSecret(h.home), FIREFOX));
    expect(pairedOrigins(h.home)).toEqual([FIREFOX]);
    expect(h.logs).toContainEqual(expect.objectContaining({ event: "ws.paired", origin: FIREFOX }));
    const transport = await openVerifiedSocket({
      ports: [h.port],
      key: await hmacKey(credential),
      origin: FIREFOX,
      timeoutMs: 2000,
      WebSocketImpl: browserLikeWebSocket(FIREFOX),
    });
    transport.close();
    expect(h.connections.map((c) => c.origin)).toEqual([FIREFOX]);
  });

  it("uses a code once", async () => {
    const code = createPairingCode(h.home);
    await pair(code, ORIGIN);
    await expect(pair(code, ORIGIN)).rejects.toThrow(PAIRING_REFUSED);
  });

  it("refuses a wrong code and spends an attempt", async () => {
    createPairingCode(h.home);
    await expect(pair("AAAA-AAAA")).rejects.toThrow(PAIRING_UNVERIFIED);
    expect(pairedOrigins(h.home)).toEqual([]);
  });

  it("burns the code after a few attempts", async () => {
    const code = createPairingCode(h.home);
    for (let i = 0; i < 5; i++) await expect(pair("AAAA-AAAA", ORIGIN)).rejects.toThrow(PAIRING_UNVERIFIED);
    await expect(pair(code, ORIGIN)).rejects.toThrow(PAIRING_REFUSED);
  });

  it("refuses an expired code", async () => {
    const code = createPairingCode(h.home, Date.now() - PAIRING_TTL_MS - 1);
    await expect(pair(code, ORIGIN)).rejects.toThrow(PAIRING_REFUSED);
    // A not-yet-allowed extension is refused at the upgrade once no code is live.
    await expect(pair(code, OTHER_EXTENSION)).rejects.toThrow(PAIRING_NO_HOST);
  });

  it("never sends the code to a squatter", async () => {
    const code = createPairingCode(h.home);
    const received: string[] = [];
    const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((r) => wss.once("listening", r));
    wss.on("connection", (ws) =>
      ws.on("message", (data) => {
        received.push(String(data));
        ws.send(
          JSON.stringify({
            t: "pair-challenge",
            v: 1,
            nonce: "a".repeat(64),
            salt: "c".repeat(32),
            proof: "b".repeat(64),
          }),
        );
      }),
    );
    const port = (wss.address() as { port: number }).port;
    try {
      const attempt = pairOverWebSocket({
        ports: [port],
        code,
        origin: FIREFOX,
        timeoutMs: 3000,
        WebSocketImpl: browserLikeWebSocket(FIREFOX),
      });
      await expect(attempt).rejects.toThrow(PAIRING_UNVERIFIED);
      expect(received).toHaveLength(1);
      expect(received.join()).not.toContain(code.replace("-", ""));
      expect(Object.keys(JSON.parse(received[0] ?? "")).sort()).toEqual(["nonce", "t", "v"]);
    } finally {
      await new Promise<void>((r) => wss.close(() => r()));
    }
  });

  it("rejects a malformed code without connecting", async () => {
    await expect(pair("not a code")).rejects.toThrow("invalid pairing code");
  });
});
