import { WebSocket } from "ws";
import {
  openVerifiedSocket,
  type VerifiedSocket,
  type WebSocketConstructor,
} from "../extension/background/ws/clientHandshake.js";
import { openSession } from "../extension/background/ws/socketSession.js";
import { loadOrCreateSecret, originCredential } from "../native-host/src/ws/secret.js";
import { DEV_EXTENSION_ID } from "../protocol/extensionId.js";

/** The development extension's origin, which the daemon's WebSocket accepts before pairing. */
export const EXTENSION_ORIGIN = `chrome-extension://${DEV_EXTENSION_ID}`;

/**
 * The `ws` class sending `origin` as its Origin header (Chromium sends our worker's), or none
 * for the bare floors. `localAddress` spreads many clients over 127.0.0.x: the host limits
 * handshakes per source.
 */
function clientWebSocket(origin: string | undefined, localAddress?: string): WebSocketConstructor {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, {
        perMessageDeflate: false,
        ...(origin ? { origin } : {}),
        ...(localAddress ? { localAddress } : {}),
      });
    }
  } as unknown as WebSocketConstructor;
}

/**
 * The authenticated transport alone, through the extension's own client handshake
 * (extension/background/ws), keyed with the credential the daemon derives for our origin from
 * the secret in `home`.
 */
export async function openHostTransport(
  port: number,
  home: string,
  localAddress?: string,
): Promise<VerifiedSocket> {
  const raw = originCredential(loadOrCreateSecret(home), EXTENSION_ORIGIN);
  const key = await crypto.subtle.importKey(
    "raw",
    new Uint8Array(raw),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign", "verify"],
  );
  return openVerifiedSocket({
    ports: [port],
    key,
    origin: EXTENSION_ORIGIN,
    timeoutMs: 5000,
    WebSocketImpl: clientWebSocket(EXTENSION_ORIGIN, localAddress),
  });
}

/** One authenticated WebSocket session to a running daemon, speaking the extension's envelope. */
export interface HostClient {
  /** One page request on behalf of `origin`; resolves to the JSON-RPC result, rejects with the error. */
  request(origin: string, method: string, params?: unknown[]): Promise<unknown>;
  /** One call of the extension's own pages (`vaughan_*`), which the host does not rate-limit. */
  ui(method: string, params?: unknown[]): Promise<unknown>;
  /** Host messages that are not answers (approvals, events). */
  onOther(listener: (message: Record<string, unknown>) => void): void;
  send(message: Record<string, unknown>): void;
  close(): void;
}

/** Connects as the extension does; used by the soak test and the benchmarks. */
export async function openHostClient(port: number, home: string, localAddress?: string): Promise<HostClient> {
  return envelopeClient(await openHostTransport(port, home, localAddress));
}

/**
 * A plain connection to a bare server (the benchmarks' floors): no Origin, no handshake, but
 * the same transport adapter and the same {@link envelopeClient} as ours, so a floor's client
 * does exactly the work ours does for each message (decode, parse, match the id).
 */
export async function openBareClient(port: number, localAddress?: string): Promise<HostClient> {
  const session = await openSession(clientWebSocket(undefined, localAddress), `ws://127.0.0.1:${port}`, 5000);
  if (session === null) throw new Error(`no bare server on port ${port}`);
  return envelopeClient(session.detach());
}

/** Speaks the extension's envelope over an open transport: answers matched to requests by id. */
function envelopeClient(transport: VerifiedSocket): HostClient {
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  const others: Array<(message: Record<string, unknown>) => void> = [];
  let nextId = 1;
  transport.onMessage((text) => {
    const message = JSON.parse(text) as {
      type?: string;
      payload?: { id?: number; result?: unknown; error?: unknown };
    };
    if ((message.type !== "rpc" && message.type !== "ui") || typeof message.payload?.id !== "number") {
      for (const listener of others) listener(message as Record<string, unknown>);
      return;
    }
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
  const call = (envelope: Record<string, unknown>, method: string, params: unknown[]) => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      transport.send(JSON.stringify({ v: 1, ...envelope, payload: { jsonrpc: "2.0", id, method, params } }));
    });
  };
  return {
    request: (origin, method, params = []) => call({ type: "rpc", origin }, method, params),
    ui: (method, params = []) => call({ type: "ui" }, method, params),
    onOther: (listener) => others.push(listener),
    send: (message) => transport.send(JSON.stringify(message)),
    close: () => transport.close(),
  };
}
