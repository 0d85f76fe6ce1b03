import type { ExtensionToHost, HostToExtension } from "../../protocol/messages.js";

/** A live, verified connection to the host: native messaging or the paired WebSocket. */
export interface Transport {
  readonly kind: "native" | "websocket";
  send(message: ExtensionToHost): void;
  close(): void;
}

export interface TransportHandlers {
  onMessage(message: HostToExtension): void;
  /** The transport is gone; `reason` is the browser's or socket's own words. */
  onClose(reason: string): void;
}
