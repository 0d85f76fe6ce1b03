import browser from "webextension-polyfill";
import { WS_PORT_FIRST, WS_PORT_LAST } from "../../protocol/constants.js";
import { parseJson } from "../../protocol/json.js";
import { parseHostMessage } from "./parseHostMessage.js";
import type { Transport, TransportHandlers } from "./Transport.js";
import { openVerifiedSocket } from "./ws/clientHandshake.js";
import { loadCredential } from "./ws/credentialStore.js";

export const WS_PORTS: number[] = Array.from(
  { length: WS_PORT_LAST - WS_PORT_FIRST + 1 },
  (_, i) => WS_PORT_FIRST + i,
);

/**
 * Service workers and event pages stop after ~30 s idle. WebSocket traffic resets Chrome's timer
 * (116+), not Firefox's; an extension API call resets both.
 */
const KEEPALIVE_MS = 20_000;

/**
 * How long one port may take to open and finish the handshake. Chromium holds back a renderer's
 * new WebSocket connections once earlier ones failed: by rand(1-5 s) × 2^min(pending +
 * failed/(succeeded+1), 16) / 65536, counted over the last 2-4 minutes
 * (services/network/websocket_throttler.cc). While the host is down every scan fails on all ten
 * ports, so within two scans each new connection waits 1-5 s before it even starts. A limit
 * under 5 s then failed most attempts after the host came back, and every failure prolonged the
 * throttle: the fallback took 17-47 s to come back in test/e2e/fallback.test.ts.
 */
export const WS_CONNECT_MS = 6500;

export class NotPairedError extends Error {
  override name = "NotPairedError";
}

/**
 * The fallback transport: the paired loopback WebSocket. The handshake (ws/clientHandshake.ts)
 * verifies the host before anything but a nonce is sent; every frame after it is parsed with
 * the same schema as native messages.
 */
export async function connectWebSocket(handlers: TransportHandlers, origin: string): Promise<Transport> {
  const key = await loadCredential();
  if (!key) throw new NotPairedError("not paired for the WebSocket fallback");
  const socket = await openVerifiedSocket({ ports: WS_PORTS, key, origin, timeoutMs: WS_CONNECT_MS });
  const keepalive = setInterval(() => {
    socket.send(JSON.stringify({ v: 1, type: "health" }));
    // Firefox does not count WebSocket traffic: its event page was seen suspended mid-approval
    // on the fallback. An extension API call resets its idle timer (as a native port does).
    void browser.runtime.getPlatformInfo();
  }, KEEPALIVE_MS);
  socket.onMessage((text) => {
    let raw: unknown;
    try {
      raw = parseJson(text);
    } catch {
      return;
    }
    const message = parseHostMessage(raw);
    if (message) handlers.onMessage(message);
  });
  socket.onClose(() => {
    clearInterval(keepalive);
    handlers.onClose("WebSocket closed");
  });
  return {
    kind: "websocket",
    send: (message) => socket.send(JSON.stringify(message)),
    close: () => {
      clearInterval(keepalive);
      socket.close();
    },
  };
}
