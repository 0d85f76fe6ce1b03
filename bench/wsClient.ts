import { WebSocket } from "ws";
import {
  connectWebSocket,
  type WebSocketConstructor,
  type WsTransport,
} from "../extension/background/ws/wsTransport.js";
import { loadOrCreateSecret, originCredential } from "../native-host/src/ws/secret.js";
import { DEV_EXTENSION_ID } from "../protocol/extensionId.js";

/** The development extension's origin, which the daemon's WebSocket accepts before pairing. */
export const EXTENSION_ORIGIN = `chrome-extension://${DEV_EXTENSION_ID}`;

/** The `ws` class sending the extension's Origin header, as Chromium would for our worker. */
const ExtensionWebSocket = class extends WebSocket {
  constructor(url: string) {
    super(url, { origin: EXTENSION_ORIGIN, perMessageDeflate: false });
  }
} as unknown as WebSocketConstructor;

/** One authenticated WebSocket session to a running daemon, speaking the extension's envelope. */
export interface HostClient {
  /** One page request on behalf of `origin`; resolves to the JSON-RPC result, rejects with the error. */
  request(origin: string, method: string, params?: unknown[]): Promise<unknown>;
  close(): void;
}

/**
 * Connects to the daemon's loopback WebSocket as the extension does (the real client handshake
 * from extension/background/ws), keyed with the credential the daemon derives for our origin
 * from the secret in `home`. Used by the soak test and the benchmarks.
 */
export async function openHostClient(port: number, home: string): Promise<HostClient> {
  const raw = originCredential(loadOrCreateSecret(home), EXTENSION_ORIGIN);
  const key = await crypto.subtle.importKey(
    "raw",
    new Uint8Array(raw),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign", "verify"],
  );
  const transport: WsTransport = await connectWebSocket({
    ports: [port],
    key,
    origin: EXTENSION_ORIGIN,
    timeoutMs: 5000,
    WebSocketImpl: ExtensionWebSocket,
  });
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  let nextId = 1;
  transport.onMessage((text) => {
    const message = JSON.parse(text) as {
      type?: string;
      payload?: { id?: number; result?: unknown; error?: unknown };
    };
    if (message.type !== "rpc" || typeof message.payload?.id !== "number") return;
    const entry = waiting.get(message.payload.id);
    if (!entry) return;
    waiting.delete(message.payload.id);
    if ("error" in message.payload) entry.reject(message.payload.error);
    else entry.resolve(message.payload.result);
  });
  transport.onClose(() => {
    for (const entry of waiting.values()) entry.reject(new Error("closed"));
    waiting.clear();
  });
  return {
    request(origin, method, params = []) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        transport.send(
          JSON.stringify({ v: 1, type: "rpc", origin, payload: { jsonrpc: "2.0", id, method, params } }),
        );
      });
    },
    close: () => transport.close(),
  };
}
