import type { HostToExtension } from "../../../protocol/messages.js";

/**
 * One authenticated extension connection: a browser's relay over the local socket, or a paired
 * extension over the WebSocket. Approvals go back to the session that asked.
 */
export interface Session {
  readonly id: number;
  readonly transport: "native" | "websocket";
  /** The extension's own origin, as the browser (native) or the pairing (WebSocket) established it. */
  readonly extensionOrigin: string;
  send(message: HostToExtension): void;
  close(): void;
}
