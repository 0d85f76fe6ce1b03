import { createHmac } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebSocket } from "ws";
import type { WebSocketConstructor } from "../../extension/background/ws/clientHandshake.js";
import type { WsConnection } from "../../native-host/src/ws/connection.js";
import { loadOrCreateSecret, originCredential } from "../../native-host/src/ws/secret.js";
import { startWsServer, type WsServerHandle, type WsServerOptions } from "../../native-host/src/ws/server.js";

/** Our extension's origin in these tests (the dev build's id). */
export const ORIGIN = "chrome-extension://fjhehmfkkmbpmlimkananfllhangkafn";
/** Another syntactically valid extension. */
export const OTHER_EXTENSION = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";

/** A private temp data folder; never the real HOME. */
export function tempHome(): { home: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "vaughan-ws-"));
  chmodSync(dir, 0o700);
  const home = join(dir, "home");
  return { home, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Harness {
  server: WsServerHandle;
  home: string;
  port: number;
  logs: Array<Record<string, unknown>>;
  connections: WsConnection[];
  credential: Buffer;
  stop: () => Promise<void>;
}

/** A real server on port 0 with an echo handler, generous limits unless overridden. */
export async function startHarness(extra: Partial<WsServerOptions> = {}): Promise<Harness> {
  const { home, remove } = tempHome();
  const logs: Array<Record<string, unknown>> = [];
  const connections: WsConnection[] = [];
  const secret = loadOrCreateSecret(home);
  const server = await startWsServer({
    port: 0,
    home,
    allowedOrigins: () => new Set([ORIGIN]),
    credentialFor: (origin) => originCredential(secret, origin),
    onAuthenticated: (conn) => {
      connections.push(conn);
      conn.onMessage((text) => conn.send(`echo:${text.slice(0, 64)}`));
    },
    log: (event) => logs.push(event),
    limits: { freeFailures: 1000, maxHandshakes: 1000 },
    ...extra,
  });
  return {
    server,
    home,
    port: server.port,
    logs,
    connections,
    credential: originCredential(secret, ORIGIN),
    stop: async () => {
      await server.close();
      remove();
    },
  };
}

/**
 * Sends a raw HTTP upgrade request over TCP and returns everything the server wrote before
 * closing (or what it wrote within `waitMs`).
 */
export function rawRequest(port: number, lines: string[], waitMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(received);
    }, waitMs);
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
    });
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on("error", (error) => {
      clearTimeout(timer);
      if (received) resolve(received);
      else reject(error);
    });
    socket.write(`${lines.join("\r\n")}\r\n\r\n`);
  });
}

/** Upgrade request lines with the given Origin and Host (either may be omitted with null). */
export function upgradeLines(origin: string | null, host: string | null): string[] {
  const lines = [
    "GET / HTTP/1.1",
    "Upgrade: websocket",
    "Connection: Upgrade",
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version: 13",
  ];
  if (host !== null) lines.push(`Host: ${host}`);
  if (origin !== null) lines.push(`Origin: ${origin}`);
  return lines;
}

/** A `ws` client that sends `origin`, as a browser would for an extension page. */
export function openClient(
  port: number,
  origin = ORIGIN,
  options: { autoPong?: boolean } = {},
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`, { origin, perMessageDeflate: false, ...options });
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

/** Resolves the next text message. */
export function nextMessage(ws: WebSocket): Promise<string> {
  return new Promise((resolve) => ws.once("message", (data) => resolve(String(data))));
}

/** Resolves the close code and how long after the call it came. */
export function closed(ws: WebSocket): Promise<{ code: number; ms: number }> {
  const start = Date.now();
  return new Promise((resolve) => ws.once("close", (code) => resolve({ code, ms: Date.now() - start })));
}

export function hmacHex(key: Buffer, message: string): string {
  return createHmac("sha256", key).update(message, "utf8").digest("hex");
}

/** The `ws` class with a fixed Origin header, standing in for the browser's WebSocket. */
export function browserLikeWebSocket(origin: string): WebSocketConstructor {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin, perMessageDeflate: false });
    }
  } as unknown as WebSocketConstructor;
}

/** Imports a raw credential as a WebCrypto HMAC key, as credentialStore.ts does. */
export function hmacKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", new Uint8Array(raw), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
}
