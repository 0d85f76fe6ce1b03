import { parseHostMessage } from "../../extension/background/parseHostMessage.js";
import type { Transport, TransportHandlers } from "../../extension/background/Transport.js";
import type { HostToExtension } from "../../protocol/messages.js";

/**
 * Stands in for extension/background/nativeTransport.ts in the bench's in-browser build
 * (bench/inBrowser/build.ts): a host inside the background that answers `eth_chainId` at once.
 * A round trip then measures page → relay → background and back with all of the background's
 * work (origin, checks, rate limits, the link, the answer's checks) and no host, as the floor
 * extension's local mode does. Never part of the extension itself.
 */
export async function connectNative(handlers: TransportHandlers): Promise<Transport> {
  return {
    kind: "native",
    send(message) {
      if (message.type !== "rpc" || Array.isArray(message.payload)) return;
      const { id } = message.payload as { id: number };
      const answer: HostToExtension = {
        v: 1,
        type: "rpc",
        origin: message.origin,
        payload: { jsonrpc: "2.0", id, result: "0x1" },
      };
      // Checked like every message from the host, and delivered at once, inside `send`. A real
      // answer arrives in a later task, as a port's message: that hop is the browser's IPC, outside
      // the in-browser part, as in the floor, which answers inside the request's listener. Put
      // off to a microtask, it cost ~25 µs of the service worker's time per request here (a
      // promise reaction and the browser finishing the listener's event first), which is this
      // stand-in's cost, not the extension's. HostLink registers a request before it sends it,
      // so an answer that comes back inside `send` finds it.
      const parsed = parseHostMessage(answer);
      if (parsed) handlers.onMessage(parsed);
    },
    close() {},
  };
}
