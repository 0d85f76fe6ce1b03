/**
 * The EIP-1193 provider every page gets (MAIN world, document_start). It makes no security
 * decision: page scripts can rewrite anything here, so the background and the host check
 * everything again. It stays small (no zod, no polyfill) because every page pays for it.
 * https://eips.ethereum.org/EIPS/eip-1193 · https://eips.ethereum.org/EIPS/eip-6963
 */
import {
  MAX_PAGE_BATCH,
  METAMASK_COMPAT_OFF,
  PAGE_CHANNEL,
  WALLET_NAME,
  WALLET_RDNS,
} from "../../protocol/constants.js";
import { ICON_DATA_URI } from "./icon.js";

interface RequestArguments {
  readonly method: string;
  readonly params?: readonly unknown[] | object;
}

type Listener = (...args: unknown[]) => void;

class ProviderError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

// Taken at document_start, before any page script can replace them.
const post = window.postMessage.bind(window);
const clone = window.structuredClone.bind(window);
const microtask = window.queueMicrotask.bind(window);
// The document's own origin: a sandboxed frame's is opaque ("null") whatever its URL says, and a
// message posted to its URL's origin would never arrive.
const target = window.origin === "null" ? "*" : window.origin;
const pending = new Map<
  number,
  { method: string; resolve: (value: unknown) => void; reject: (error: unknown) => void }
>();
const listeners = new Map<string, Set<Listener>>();
let nextId = 1;

type Outgoing = { id: number; method: string; params?: unknown };

/**
 * Requests made in the same task after a first one (a dApp's `Promise.all` of 50 reads) travel
 * in one message, which the relay forwards to the background as one message too (an IPC): such
 * a burst crosses each hop as 2 messages where it took 50. The first request of a task is
 * posted at once and alone, so a lone request waits for nothing; the rest wait for the task's
 * end (a microtask). `batch` is open from the first post to that microtask.
 */
let batch: Outgoing[] | undefined;

function postBatch(): void {
  if (!batch?.length) return;
  const items = batch;
  batch = [];
  try {
    post({ channel: PAGE_CHANNEL, dir: "to-wallet", batch: items }, target);
  } catch {
    // Each item was cloned once already, so this should not happen; if it does, nothing hangs.
    for (const { id } of items) {
      pending.get(id)?.reject(new ProviderError(-32602, "Params cannot be cloned"));
      pending.delete(id);
    }
  }
}

/** Posts or queues one request; throws (DataCloneError) when its params cannot be cloned. */
function send(request: Outgoing): void {
  if (batch === undefined) {
    post({ channel: PAGE_CHANNEL, dir: "to-wallet", ...request }, target);
    batch = [];
    microtask(() => {
      postBatch();
      batch = undefined;
    });
    return;
  }
  // Cloned now, as a post would: the page may change its params once request() returns.
  const { params } = request;
  batch.push(params === undefined ? request : { ...request, params: clone(params) });
  if (batch.length === MAX_PAGE_BATCH) postBatch();
}

function emit(event: string, ...args: unknown[]): void {
  for (const listener of [...(listeners.get(event) ?? [])]) {
    try {
      listener(...args);
    } catch (error) {
      // A dApp's throwing listener must not stop the others; report it like an uncaught error.
      setTimeout(() => {
        throw error;
      });
    }
  }
}

const provider = {
  isVaughan: true,
  // For dApps that only know MetaMask, unless the options page's switch is off (compatOff.ts).
  isMetaMask: !(METAMASK_COMPAT_OFF in window),
  chainId: null as string | null,
  selectedAddress: null as string | null,
  networkVersion: null as string | null,
  _connected: false,

  request(args: RequestArguments): Promise<unknown> {
    if (!args || typeof args !== "object" || Array.isArray(args)) {
      return Promise.reject(new ProviderError(-32600, "Expected a single, non-array, object argument."));
    }
    const { method, params } = args;
    if (typeof method !== "string" || method.length === 0) {
      return Promise.reject(new ProviderError(-32600, "'args.method' must be a non-empty string."));
    }
    if (params !== undefined && (params === null || typeof params !== "object")) {
      return Promise.reject(
        new ProviderError(-32600, "'args.params' must be an object or array if provided."),
      );
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { method, resolve, reject });
      try {
        send({ id, method, params });
      } catch {
        pending.delete(id);
        reject(new ProviderError(-32602, "Params cannot be cloned"));
      }
    });
  },

  on(event: string, listener: Listener) {
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event)?.add(listener);
    // A page that listens uses the wallet: learn the chain (and open the way for events).
    if (!provider._connected) void refresh();
    return provider;
  },
  once(event: string, listener: Listener) {
    const wrapped: Listener = (...args) => {
      provider.removeListener(event, wrapped);
      listener(...args);
    };
    return provider.on(event, wrapped);
  },
  removeListener(event: string, listener: Listener) {
    listeners.get(event)?.delete(listener);
    return provider;
  },
  off(event: string, listener: Listener) {
    return provider.removeListener(event, listener);
  },
  removeAllListeners(event?: string) {
    if (event === undefined) listeners.clear();
    else listeners.delete(event);
    return provider;
  },
  listenerCount(event: string) {
    return listeners.get(event)?.size ?? 0;
  },
  isConnected() {
    if (!provider._connected) void refresh();
    return provider._connected;
  },

  /** Legacy (EIP-1102): same as `eth_requestAccounts`. */
  enable() {
    return provider.request({ method: "eth_requestAccounts" });
  },
  /** Legacy `send(method, params)` → Promise, or `send(payload, callback)`. */
  send(methodOrPayload: unknown, paramsOrCallback?: unknown): unknown {
    if (typeof methodOrPayload === "string") {
      return provider.request({ method: methodOrPayload, params: paramsOrCallback as unknown[] | undefined });
    }
    if (typeof paramsOrCallback === "function") {
      return provider.sendAsync(methodOrPayload as LegacyPayload, paramsOrCallback as LegacyCallback);
    }
    throw new ProviderError(4200, "Synchronous send is not supported; use request()");
  },
  /**
   * Legacy JSON-RPC, one payload or a batch (an array), as MetaMask's provider takes it: the
   * callback gets (error, response) for one payload and (null, responses) for a batch, each
   * response carrying its own error. The response(s) are also returned as a promise, for pages
   * that await `sendAsync` without a callback (MetaMask's engine answers them that way too).
   * A batch runs its requests one after another, each answered before the next is sent: a
   * batch of `wallet_watchAsset` (the test-dapp's "Watch all NFTs") then opens one window at a
   * time, which a person can get through, where all at once would meet the rule of one pending
   * approval per site.
   */
  sendAsync(payload: LegacyPayload | LegacyPayload[], callback?: LegacyCallback): Promise<unknown> {
    if (!Array.isArray(payload)) {
      return legacyCall(payload).then(({ error, response }) => {
        if (callback) callBack(callback, error, response);
        return response;
      });
    }
    const items = [...payload];
    return (async () => {
      const responses: LegacyResponse[] = [];
      if (items.length === 0) {
        responses.push(errorResponse(null, new ProviderError(-32600, "Request batch must not be empty")));
      }
      for (const item of items) responses.push((await legacyCall(item)).response);
      if (callback) callBack(callback, null, responses);
      return responses;
    })();
  },
};

interface LegacyPayload {
  id?: number | string | null;
  method: string;
  params?: unknown[];
}
type LegacyCallback = (error: unknown, response: unknown) => void;
interface LegacyResponse {
  id: LegacyPayload["id"];
  jsonrpc: "2.0";
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

const errorResponse = (id: LegacyPayload["id"], error: ProviderError): LegacyResponse => ({
  id,
  jsonrpc: "2.0",
  error: { code: error.code, message: error.message, data: error.data },
});

/** One legacy payload through `request`: the error (or null) and the JSON-RPC response. */
function legacyCall(
  payload: LegacyPayload,
): Promise<{ error: ProviderError | null; response: LegacyResponse }> {
  const id = payload?.id;
  return provider.request({ method: payload?.method, params: payload?.params }).then(
    (result) => ({ error: null, response: { id, jsonrpc: "2.0", result } }),
    (error: ProviderError) => ({ error, response: errorResponse(id, error) }),
  );
}

/** Calls a dApp's callback; one that throws is reported like an uncaught error, as `emit` does. */
function callBack(callback: LegacyCallback, error: unknown, response: unknown): void {
  try {
    callback(error, response);
  } catch (thrown) {
    setTimeout(() => {
      throw thrown;
    });
  }
}

function setChain(chainId: unknown): void {
  if (typeof chainId !== "string" || chainId === provider.chainId) return;
  provider.chainId = chainId;
  provider.networkVersion = String(Number.parseInt(chainId, 16));
  emit("chainChanged", chainId);
}

function onEvent(event: string, data: unknown): void {
  switch (event) {
    case "connect":
      void refresh();
      return;
    case "disconnect":
      if (!provider._connected) return;
      provider._connected = false;
      emit("disconnect", new ProviderError(4900, "Disconnected from the Vaughan host"));
      return;
    case "chainChanged":
      setChain(data);
      return;
    case "accountsChanged":
      if (!Array.isArray(data)) return;
      provider.selectedAddress = typeof data[0] === "string" ? data[0] : null;
      emit("accountsChanged", data);
      return;
    case "message":
      emit("message", data);
      return;
  }
}

/** The host answered with the site's chain: EIP-1193 `connect` the first time, else `chainChanged`. */
function connected(chainId: unknown): void {
  if (typeof chainId !== "string") return;
  if (provider._connected) {
    setChain(chainId);
    return;
  }
  provider._connected = true;
  provider.chainId = chainId;
  provider.networkVersion = String(Number.parseInt(chainId, 16));
  emit("connect", { chainId });
}

/**
 * Learns the chain, and so whether the host is reachable. Only once the page uses the provider
 * (a request, a listener, `isConnected()`): a page that never does sends nothing, so our
 * background, the host and its request log never hear of it.
 */
let refreshing = false;
async function refresh(): Promise<void> {
  if (refreshing) return;
  refreshing = true;
  try {
    connected(await provider.request({ method: "eth_chainId" }));
  } catch {
    // Not reachable yet; the background says `connect` when the host comes back.
  } finally {
    refreshing = false;
  }
}

window.addEventListener(METAMASK_COMPAT_OFF, () => {
  provider.isMetaMask = false;
});

window.addEventListener("message", (event: MessageEvent) => {
  if (event.source !== window) return;
  const data = event.data as { channel?: unknown; dir?: unknown; id?: unknown; event?: unknown } | null;
  if (!data || typeof data !== "object" || data.channel !== PAGE_CHANNEL || data.dir !== "to-page") return;
  if (typeof data.event === "string") {
    onEvent(data.event, (data as { data?: unknown }).data);
    return;
  }
  const entry = typeof data.id === "number" ? pending.get(data.id) : undefined;
  if (!entry) return;
  pending.delete(data.id as number);
  const error = (data as { error?: { code?: unknown; message?: unknown; data?: unknown } }).error;
  if (error && typeof error === "object") {
    const code = typeof error.code === "number" ? error.code : -32603;
    entry.reject(
      new ProviderError(code, typeof error.message === "string" ? error.message : "Error", error.data),
    );
  } else {
    const result = (data as { result?: unknown }).result;
    entry.resolve(result);
    // An answer means the host is reachable (again, after a disconnect): say so once.
    if (provider._connected) return;
    if (entry.method === "eth_chainId") connected(result);
    else void refresh();
  }
});

/**
 * A version 4 UUID (https://www.rfc-editor.org/rfc/rfc9562#section-5.4) for the EIP-6963
 * announcement. Not crypto.randomUUID(): it exists only in secure contexts, and on a plain
 * http:// site (any host but the loopback) calling it threw before the provider existed.
 */
function uuidV4(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const info = Object.freeze({
  uuid: uuidV4(),
  name: WALLET_NAME,
  icon: ICON_DATA_URI,
  rdns: WALLET_RDNS,
});
const announce = () =>
  window.dispatchEvent(
    new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }),
  );
window.addEventListener("eip6963:requestProvider", announce);
announce();

if (!("ethereum" in window)) {
  Object.defineProperty(window, "ethereum", {
    value: provider,
    configurable: true,
    writable: true,
    enumerable: true,
  });
}
