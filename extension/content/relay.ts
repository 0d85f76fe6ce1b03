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
  MAX_PAGE_BATCH,
  MAX_PAGE_MESSAGE_BYTES,
  PAGE_CHANNEL,
  RELAY_PORT_NAME,
} from "../../protocol/constants.js";
import { isRelayRequest, isRelayResponse } from "../../protocol/guards.js";
import { valueDepth } from "../../protocol/json.js";
import type { RelayRequest } from "../../protocol/messages.js";
import { utf8Length } from "../../protocol/utf8Length.js";

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

/** What the relay forwards for one page request, and its size as UTF-8 JSON (estimated when it has no params). */
type Admitted = { request: RelayRequest; size: number };

/** One page request's checks; a refused one is answered here and gives undefined. */
function admit(data: { id?: unknown; method?: unknown; params?: unknown }): Admitted | undefined {
  if (typeof data.id !== "number" || !Number.isSafeInteger(data.id) || data.id < 0) return undefined;
  const id = data.id;
  if (opaque) return void fail(id, 4100, "This origin cannot use the wallet");
  const request =
    data.params === undefined
      ? { type: "request", id, method: data.method }
      : { type: "request", id, method: data.method, params: data.params };
  if (!isRelayRequest(request)) return void fail(id, -32600, "Invalid request");
  // Only params can be large or deep: without them a request is a few bytes (isRelayRequest
  // bounds the method). Depth first, so JSON.stringify never walks a hostile structure.
  if (request.params === undefined) return { request, size: 64 + request.method.length };
  if (valueDepth(request, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    return void fail(id, -32600, "Request nested too deeply");
  let size: number;
  try {
    // Bytes, as the frames to the host carry them: 400,000 `€` is 1.2 MB, not 400,000.
    size = utf8Length(JSON.stringify(request));
  } catch {
    return void fail(id, -32602, "Params must be JSON");
  }
  if (size > MAX_PAGE_MESSAGE_BYTES) return void fail(id, -32600, "Request too large");
  return { request, size };
}

/** One message to the background: a request alone, or several in an array. */
function forward(requests: RelayRequest[]): void {
  for (const request of requests) inFlight.add(request.id);
  try {
    connect().postMessage(requests.length === 1 ? requests[0] : requests);
  } catch {
    port = undefined;
    for (const { id } of requests) {
      inFlight.delete(id);
      fail(id, 4900, "Disconnected from the wallet; retry the request");
    }
  }
}

/**
 * A batch from the provider (requests made in one task): each request checked as if alone, and
 * the admitted ones forwarded together, in messages of at most MAX_PAGE_MESSAGE_BYTES.
 */
function forwardBatch(items: unknown[]): void {
  if (items.length > MAX_PAGE_BATCH) {
    for (const item of items) {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === "number") fail(id, -32600, "Too many requests in one message");
    }
    return;
  }
  let group: RelayRequest[] = [];
  let bytes = 0;
  for (const item of items) {
    if (!item || typeof item !== "object") continue;
    const admitted = admit(item);
    if (!admitted) continue;
    if (group.length > 0 && bytes + admitted.size > MAX_PAGE_MESSAGE_BYTES) {
      forward(group);
      group = [];
      bytes = 0;
    }
    group.push(admitted.request);
    bytes += admitted.size;
  }
  if (group.length > 0) forward(group);
}

window.addEventListener("message", (event: MessageEvent) => {
  if (event.source !== window) return;
  const data = event.data as { channel?: unknown; dir?: unknown; batch?: unknown } | null;
  if (!data || typeof data !== "object" || data.channel !== PAGE_CHANNEL || data.dir !== "to-wallet") return;
  if (Array.isArray(data.batch)) return forwardBatch(data.batch);
  const admitted = admit(data as { id?: unknown });
  if (admitted) forward([admitted.request]);
});
