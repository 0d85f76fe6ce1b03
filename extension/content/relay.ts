/**
 * The bridge between the page and the background (ISOLATED world). Nothing from the page can
 * be trusted: it accepts only messages from this window with our channel tag and the right
 * shape and size, forwards method and params only, and never adds or reads an origin — the
 * background takes the origin from the browser.
 *
 * It runs in every frame of every page, so it stays small: a port needs no promise wrapper, and
 * Chromium (`chrome`) and Firefox (`browser`) give the same `runtime.connect`, so the polyfill
 * (10 KB to parse in each frame) is left out here.
 */
import type Browser from "webextension-polyfill";
import {
  MAX_JSON_DEPTH,
  MAX_PAGE_MESSAGE_BYTES,
  PAGE_CHANNEL,
  RELAY_PORT_NAME,
} from "../../protocol/constants.js";
import { valueDepth } from "../../protocol/json.js";
import { isRelayResponse, toRelayRequest } from "./relayGuards.js";

type Port = Browser.Runtime.Port;

const runtime: typeof Browser.runtime = (
  (globalThis as { browser?: typeof Browser }).browser ??
  (globalThis as unknown as { chrome: typeof Browser }).chrome
).runtime;

let port: Port | undefined;
const inFlight = new Set<number>();

/**
 * A sandboxed frame's own origin is opaque ("null"), whatever its URL says. The wallet serves no
 * such frame (the background refuses it too), so its requests are refused here and now.
 */
const opaque = window.origin === "null";
const target = opaque ? "*" : window.origin;

function toPage(message: Record<string, unknown>): void {
  window.postMessage({ channel: PAGE_CHANNEL, dir: "to-page", ...message }, target);
}

function fail(id: number, code: number, message: string): void {
  toPage({ id, error: { code, message } });
}

function connect(): Port {
  if (port) return port;
  const next = runtime.connect({ name: RELAY_PORT_NAME });
  next.onMessage.addListener((message: unknown) => {
    if (!isRelayResponse(message)) return;
    if (message.type === "event") {
      toPage({ event: message.event, data: message.data });
      return;
    }
    inFlight.delete(message.id);
    toPage(message);
  });
  next.onDisconnect.addListener(() => {
    // The service worker stopped or the extension reloaded: nothing in flight can be answered.
    port = undefined;
    for (const id of inFlight) fail(id, 4900, "Disconnected from the wallet; retry the request");
    inFlight.clear();
  });
  port = next;
  return next;
}

window.addEventListener("message", (event: MessageEvent) => {
  if (event.source !== window) return;
  const data = event.data as { channel?: unknown; dir?: unknown; id?: unknown } | null;
  if (!data || typeof data !== "object" || data.channel !== PAGE_CHANNEL || data.dir !== "to-wallet") return;
  if (typeof data.id !== "number" || !Number.isSafeInteger(data.id) || data.id < 0) return;
  const id = data.id;
  if (opaque) return fail(id, 4100, "This origin cannot use the wallet");
  const { method, params } = data as { method?: unknown; params?: unknown };
  const request = toRelayRequest(id, method, params);
  if (!request) return fail(id, -32600, "Invalid request");
  // Only params can be large or deep: without them a request is a few bytes (toRelayRequest
  // bounds the method). Depth first, so JSON.stringify never walks a hostile structure.
  if (request.params !== undefined) {
    if (valueDepth(request, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
      return fail(id, -32600, "Request nested too deeply");
    let size: number;
    try {
      size = JSON.stringify(request).length;
    } catch {
      return fail(id, -32602, "Params must be JSON");
    }
    if (size > MAX_PAGE_MESSAGE_BYTES) return fail(id, -32600, "Request too large");
  }
  inFlight.add(id);
  try {
    connect().postMessage(request);
  } catch {
    inFlight.delete(id);
    port = undefined;
    fail(id, 4900, "Disconnected from the wallet; retry the request");
  }
});
