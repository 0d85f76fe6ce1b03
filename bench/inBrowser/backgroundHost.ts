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
      // Later, as from a port, and checked like every message from the host. (Receiving a real
      // port's message is the browser's IPC, outside the in-browser part, as in the floor.) A
      // promise reaction, not queueMicrotask: both run after the request's task, but the latter
      // is a browser binding that alone took ~11 µs per request here, a cost of this stand-in.
      void Promise.resolve().then(() => {
        const parsed = parseHostMessage(answer);
        if (parsed) handlers.onMessage(parsed);
      });
    },
    close() {},
  };
}
