import { createServer, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import {
  HOST_NOT_FOUND,
  HOST_UNVERIFIED,
  openVerifiedSocket,
} from "../../extension/background/ws/clientHandshake.js";
import {
  browserLikeWebSocket,
  type Harness,
  hmacKey,
  ORIGIN,
  OTHER_EXTENSION,
  startHarness,
} from "./helpers.js";

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A squatter that accepts any connection and records every frame it receives. */
async function impostor(reply: (text: string, ws: WebSocket) => void) {
  const received: string[] = [];
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((r) => wss.once("listening", r));
  wss.on("connection", (ws) =>
    ws.on("message", (data) => {
      received.push(String(data));
      reply(String(data), ws);
    }),
  );
  const port = (wss.address() as { port: number }).port;
  return { port, received, close: () => new Promise<void>((r) => wss.close(() => r())) };
}

/** A port that accepts TCP connections and never answers the WebSocket upgrade. */
async function silentPort() {
  const server = createServer();
  const open = new Set<Socket>();
  let closedByClient = 0;
  server.on("connection", (socket) => {
    open.add(socket);
    socket.resume(); // reads (and drops) the upgrade request, so the client's close is seen
    socket.on("close", () => {
      open.delete(socket);
      closedByClient++;
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return {
    port,
    open: () => open.size,
    closedByClient: () => closedByClient,
    close: () => {
      for (const socket of open) socket.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const fakeChallenge = JSON.stringify({ t: "challenge", v: 1, nonce: "a".repeat(64), proof: "b".repeat(64) });

// docs/security.md test 5, and the client against the real server.
describe("openVerifiedSocket", () => {
  let h: Harness;
  let key: CryptoKey;
  const WebSocketImpl = browserLikeWebSocket(ORIGIN);
  beforeAll(async () => {
    h = await startHarness();
    key = await hmacKey(h.credential);
  });
  afterAll(() => h.stop());

  it("authenticates to the real host and carries messages", async () => {
    const transport = await openVerifiedSocket({
      ports: [h.port],
      key,
      origin: ORIGIN,
      timeoutMs: 2000,
      WebSocketImpl,
    });
    const reply = new Promise<string>((r) => transport.onMessage(r));
    transport.send("hi");
    expect(await reply).toBe("echo:hi");
    const gone = new Promise<void>((r) => transport.onClose(r));
    transport.close();
    await gone;
  });

  it.each([
    ["a forged challenge", (_t: string, ws: WebSocket) => ws.send(fakeChallenge)],
    ["an immediate ready", (_t: string, ws: WebSocket) => ws.send(JSON.stringify({ t: "ready", v: 1 }))],
    ["garbage", (_t: string, ws: WebSocket) => ws.send("{")],
    ["an echo", (t: string, ws: WebSocket) => ws.send(t)],
    ["silence", () => {}],
  ])(
    "reports an impostor that answers with %s as unverified and sends it nothing else",
    async (_n, reply) => {
      const squatter = await impostor(reply);
      try {
        const attempt = openVerifiedSocket({
          ports: [squatter.port],
          key,
          origin: ORIGIN,
          timeoutMs: 300,
          WebSocketImpl,
        });
        await expect(attempt).rejects.toThrow(HOST_UNVERIFIED);
        await new Promise((r) => setTimeout(r, 50));
        expect(squatter.received).toHaveLength(1);
        expect(Object.keys(JSON.parse(squatter.received[0] ?? "")).sort()).toEqual(["nonce", "t", "v"]);
      } finally {
        await squatter.close();
      }
    },
  );

  it("refuses a genuine handshake relayed through a squatter on another port", async () => {
    const upstreams = new Set<WebSocket>();
    const relay = await impostor((text, ws) => {
      // The squatter forges our Origin and forwards both ways to the real host.
      const up = new WebSocket(`ws://127.0.0.1:${h.port}`, { origin: ORIGIN });
      upstreams.add(up);
      up.on("open", () => up.send(text));
      up.on("message", (data) => ws.send(String(data)));
      ws.on("message", (data) => up.readyState === WebSocket.OPEN && up.send(String(data)));
    });
    const before = h.server.stats().authenticated;
    try {
      const attempt = openVerifiedSocket({
        ports: [relay.port],
        key,
        origin: ORIGIN,
        timeoutMs: 1000,
        WebSocketImpl,
      });
      await expect(attempt).rejects.toThrow(HOST_UNVERIFIED);
      expect(relay.received).toHaveLength(1);
      expect(h.server.stats().authenticated).toBe(before);
    } finally {
      for (const up of upstreams) up.terminate();
      await relay.close();
    }
  });

  it("skips a closed port and a squatter to find the real host", async () => {
    const squatter = await impostor((_t, ws) => ws.send(fakeChallenge));
    try {
      const ports = [await closedPort(), squatter.port, h.port];
      const transport = await openVerifiedSocket({
        ports,
        key,
        origin: ORIGIN,
        timeoutMs: 1000,
        WebSocketImpl,
      });
      transport.close();
    } finally {
      await squatter.close();
    }
  });

  it("does not wait for the ports after the host", async () => {
    const silent = await silentPort();
    try {
      const started = performance.now();
      const transport = await openVerifiedSocket({
        ports: [h.port, silent.port],
        key,
        origin: ORIGIN,
        timeoutMs: 10_000,
        WebSocketImpl,
      });
      // Chosen while the port after it was still trying: far inside that port's 10 s deadline.
      expect(performance.now() - started).toBeLessThan(5000);
      await expect.poll(silent.open).toBe(1); // still trying there, not given up
      expect(silent.closedByClient()).toBe(0);
      transport.close();
    } finally {
      await silent.close(); // the scan's socket there ends with it
    }
  });

  it("waits for a port before the host, so the first in port order is chosen", async () => {
    const silent = await silentPort();
    try {
      const started = performance.now();
      const transport = await openVerifiedSocket({
        ports: [silent.port, h.port],
        key,
        origin: ORIGIN,
        timeoutMs: 1000,
        WebSocketImpl,
      });
      // Chosen only once the port before it gave up, at its deadline.
      expect(performance.now() - started).toBeGreaterThanOrEqual(990);
      await expect.poll(silent.closedByClient).toBe(1);
      transport.close();
    } finally {
      await silent.close();
    }
  });

  it("reports a host holding another credential as unverified", async () => {
    const other = await hmacKey(new Uint8Array(32).fill(7));
    const attempt = openVerifiedSocket({
      ports: [h.port],
      key: other,
      origin: ORIGIN,
      timeoutMs: 1000,
      WebSocketImpl,
    });
    await expect(attempt).rejects.toThrow(HOST_UNVERIFIED);
  });

  it("cannot use our credential for another allowed origin", async () => {
    const both = await startHarness({ allowedOrigins: () => new Set([ORIGIN, OTHER_EXTENSION]) });
    try {
      const attempt = openVerifiedSocket({
        ports: [both.port],
        key: await hmacKey(both.credential),
        origin: OTHER_EXTENSION,
        timeoutMs: 1000,
        WebSocketImpl: browserLikeWebSocket(OTHER_EXTENSION),
      });
      await expect(attempt).rejects.toThrow(HOST_UNVERIFIED);
      expect(both.server.stats().authenticated).toBe(0);
    } finally {
      await both.stop();
    }
  });

  it("reports no host when nothing listens", async () => {
    const attempt = openVerifiedSocket({
      ports: [await closedPort()],
      key,
      origin: ORIGIN,
      timeoutMs: 500,
      WebSocketImpl,
    });
    await expect(attempt).rejects.toThrow(HOST_NOT_FOUND);
  });
});
