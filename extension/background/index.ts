/**
 * The background (service worker on Chromium, event page on Firefox). It takes every page's
 * origin from the browser, never from a message; relays requests to the host; routes host
 * events to the tabs of the origin they concern; and opens approval windows.
 */
// First, before anything else loads: it starts the host while the worker starts. (A bare import,
// so that sorting the imports never moves it.)
import "./earlyNative.js";
import browser from "webextension-polyfill";
import { MAX_PAGE_BATCH, RELAY_PORT_NAME, UI_PORT_NAME } from "../../protocol/constants.js";
import {
  InvalidRequestError,
  ProviderRpcError,
  type RpcErrorObject,
  toProviderError,
  toRpcError,
} from "../../protocol/errors.js";
import type { HostToExtension, RelayResponse } from "../../protocol/messages.js";
import { type UiPush, type UiReply, type UiRequest, UiRequestSchema } from "../../protocol/ui.js";
import { syncMetaMaskCompat } from "../common/metamaskCompat.js";
import { ApprovalWindows } from "./ApprovalWindows.js";
import { NATIVE_HELLO } from "./earlyNative.js";
import { type HostAnswer, HostLink } from "./HostLink.js";
import { takeEarlyNativePort } from "./nativePort.js";
import { connectNative } from "./nativeTransport.js";
import { openCallsStatus } from "./openCallsStatus.js";
import { originOf } from "./origin.js";
import { PageGate, type TabKey } from "./PageGate.js";
import { parseRelayRequest } from "./pageLimits.js";
import { SiteStateCache } from "./SiteStateCache.js";
import { transportHint } from "./transportHint.js";
import { connectWebSocket, WS_CONNECT_MS, WS_PORTS } from "./webSocketTransport.js";
import { pairOverWebSocket } from "./ws/clientHandshake.js";
import { saveCredential } from "./ws/credentialStore.js";

type Port = browser.Runtime.Port;

const pagePorts = new Map<Port, string>();
/** Ports without a tab (none today) each count as a tab of their own. */
let tablessPorts = 0;
const siteStates = new SiteStateCache();
/** Why the host is unreachable, in the browser's or socket's words, and the fix, for the popup and options. */
let lastReason: string | undefined;
let lastHint: string | undefined;
const extensionOrigin = new URL(browser.runtime.getURL("")).origin;

const link: HostLink = new HostLink(
  [
    {
      kind: "native",
      connect: (handlers) => connectNative(handlers, NATIVE_HELLO, takeEarlyNativePort()),
    },
    { kind: "websocket", connect: (handlers) => connectWebSocket(handlers, extensionOrigin) },
  ],
  {
    onHostMessage,
    wanted: () => pagePorts.size > 0,
    onStatus(status, reason, causes) {
      // Another connection (or none): the host fills the copy again for this one.
      siteStates.clear();
      lastReason = status === "disconnected" ? reason : undefined;
      lastHint = status === "disconnected" ? transportHint(causes ?? []) : undefined;
      if (status === "disconnected") {
        void approvals.dropAll();
        broadcast(null, { type: "event", event: "disconnect", data: null });
      } else {
        broadcast(null, { type: "event", event: "connect", data: null });
      }
    },
  },
);
const approvals = new ApprovalWindows(
  (message) => link.post(message),
  (origin, kind) => gate.tabOf(origin, kind),
);
const gate = new PageGate((origin, kind) => approvals.isShowing(origin, kind));

function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));
}

function broadcast(origin: string | null, message: RelayResponse): void {
  for (const [port, portOrigin] of pagePorts) {
    if (origin !== null && portOrigin !== origin) continue;
    try {
      port.postMessage(message);
    } catch {
      pagePorts.delete(port);
    }
  }
}

function onHostMessage(message: HostToExtension): void {
  switch (message.type) {
    case "event":
      broadcast(message.origin, { type: "event", event: message.event, data: message.data });
      return;
    case "approval":
      approvals.show(message);
      return;
    case "site-state":
      siteStates.set(message.origin, message.state);
      return;
    case "approval-cancel":
      void approvals.cancel(message.approvalId);
      return;
    case "approval-update":
      approvals.update(message.approvalId, message.update);
      return;
    case "credential":
      // Native messaging vouched for us: keep the WebSocket credential for a later fallback.
      void saveCredential(hexToBytes(message.credential));
      return;
    default:
      return;
  }
}

function onPagePort(port: Port): void {
  // Only our own content scripts, and only for frames with a real web origin.
  const origin = port.sender?.id === browser.runtime.id ? originOf(port.sender) : undefined;
  if (!origin) {
    port.disconnect();
    return;
  }
  // In-flight requests are capped per tab (all its frames together); a port without a tab (none
  // today) counts on its own.
  const tab: TabKey = port.sender?.tab?.id ?? `port:${++tablessPorts}`;
  pagePorts.set(port, origin);
  port.onDisconnect.addListener(() => pagePorts.delete(port));
  port.onMessage.addListener((raw: unknown) => {
    if (!Array.isArray(raw)) return onPageRequest(port, origin, tab, raw);
    // Requests a page made in one task come together (extension/content/inpage.ts). Our relay
    // never sends more than MAX_PAGE_BATCH at once; more comes from a compromised renderer.
    for (const one of raw) {
      if (raw.length <= MAX_PAGE_BATCH) onPageRequest(port, origin, tab, one);
      else refuse(port, one, "Too many requests in one message");
    }
  });
}

/** Answers a message the background will not serve, so no page promise hangs on it. */
function refuse(port: Port, raw: unknown, message: string): void {
  const id = (raw as { id?: unknown } | null)?.id;
  if (typeof id === "number") replyToPage(port, id, { error: { code: -32600, message } });
}

/** One request from a page's relay port, checked at the background's edge. */
function onPageRequest(port: Port, origin: string, tab: TabKey, raw: unknown): void {
  const request = parseRelayRequest(raw);
  if (!request) {
    // Answered, not dropped, so a page promise never hangs on a message the relay let through.
    refuse(port, raw, "Invalid request");
    return;
  }
  const { id, method, params } = request;
  const local = siteStates.answer(origin, method, params);
  if (local) {
    replyToPage(port, id, local);
    return;
  }
  // Layer 1 limits (T11); the host applies them again.
  const ticket = gate.admit(origin, tab, method);
  if (ticket instanceof ProviderRpcError) {
    replyToPage(port, id, { error: ticket.toRpcError() });
    return;
  }
  ticket.start(() => {
    // Waited in the tab's line while its page went away: nobody is left to answer.
    if (!pagePorts.has(port)) return ticket.done(undefined);
    link.rpc(origin, method, params, (answer) => {
      // The page's answer first: the gate's bookkeeping cannot change it, and runs after it leaves.
      replyToPage(port, id, answer);
      ticket.done("error" in answer ? answer.error.code : undefined);
      if (method === "wallet_showCallsStatus" && !("error" in answer)) {
        openCallsStatus(params).catch((error: unknown) => console.warn("Calls status window:", error));
      }
    });
  });
}

function replyToPage(port: Port, id: number, answer: HostAnswer): void {
  if (!pagePorts.has(port)) return;
  const reply: RelayResponse =
    "error" in answer
      ? { type: "response", id, error: toProviderError(answer.error) }
      : { type: "response", id, result: answer.result };
  try {
    port.postMessage(reply);
  } catch {
    pagePorts.delete(port);
  }
}

function onUiPort(port: Port): void {
  // Extension pages only: the approval window's answers must never come from a web page.
  const sender = port.sender;
  if (sender?.id !== browser.runtime.id || !sender.url || new URL(sender.url).origin !== extensionOrigin) {
    port.disconnect();
    return;
  }
  // The approvals this page shows, each told of its updates until the page goes.
  const unwatch = new Map<string, () => void>();
  port.onDisconnect.addListener(() => {
    for (const stop of unwatch.values()) stop();
    unwatch.clear();
  });
  const push = (message: UiPush) => {
    try {
      port.postMessage(message);
    } catch {
      // The page closed.
    }
  };
  port.onMessage.addListener(async (raw: unknown) => {
    const parsed = UiRequestSchema.safeParse(raw);
    const id = parsed.success ? parsed.data.id : (raw as { id?: unknown } | null)?.id;
    const reply = (body: { result: unknown } | { error: RpcErrorObject }) => {
      if (typeof id !== "number") return;
      try {
        port.postMessage({ id, ...body } satisfies UiReply);
      } catch {
        // The page closed.
      }
    };
    if (!parsed.success) {
      // Answered, not dropped: the page's call would otherwise wait forever.
      reply({ error: new InvalidRequestError("Invalid request").toRpcError() });
      return;
    }
    const request = parsed.data;
    if (request.type === "approval-get" && !unwatch.has(request.approvalId)) {
      const { approvalId } = request;
      unwatch.set(
        approvalId,
        approvals.watch(approvalId, (update) => push({ type: "approval-update", approvalId, update })),
      );
    }
    try {
      reply(await answerUi(request));
    } catch (error) {
      reply({ error: toRpcError(error) });
    }
  });
}

/** The answer to one request from an extension page. */
async function answerUi(request: UiRequest): Promise<HostAnswer> {
  switch (request.type) {
    case "ui":
      return link.ui(request.method, request.params);
    case "approval-get":
      return { result: approvals.get(request.approvalId) ?? null };
    case "approval-answer": {
      const { type: _type, id: _id, approvalId, approved, ...extras } = request;
      await approvals.answer(approvalId, approved, extras);
      return { result: true };
    }
    case "transport":
      await link.ensure();
      return link.status === "disconnected"
        ? { result: { status: link.status, reason: lastReason, hint: lastHint } }
        : { result: { status: link.status } };
    case "pair":
      try {
        await saveCredential(
          await pairOverWebSocket({
            ports: WS_PORTS,
            code: request.code,
            origin: extensionOrigin,
            timeoutMs: WS_CONNECT_MS,
          }),
        );
        return { result: (await link.ensure())?.kind ?? "disconnected" };
      } catch (error) {
        return { error: { code: 4100, message: (error as Error).message } };
      }
  }
}

browser.runtime.onConnect.addListener((port: Port) => {
  if (port.name === RELAY_PORT_NAME) onPagePort(port);
  else if (port.name === UI_PORT_NAME) onUiPort(port);
  else port.disconnect();
});

// Registered scripts persist across restarts; on install and update the registration is made
// to match the stored switch again (not on every wake: that would slow each page's first answer).
browser.runtime.onInstalled.addListener(() => {
  syncMetaMaskCompat().catch((error: unknown) => console.warn("MetaMask-compatibility script:", error));
});
