import type { HostToExtension, Role } from "../../../protocol/messages.js";

/**
 * One authenticated extension connection: a browser's relay over the local socket, or a paired
 * extension over the WebSocket. Approvals go back to the session that asked.
 */
export interface Session {
  readonly id: number;
  readonly transport: "native" | "websocket";
  /** What the connection's hello said it is; it decides what the connection may send. */
  readonly role: Role;
  /** The extension's own origin, as the browser (native) or the pairing (WebSocket) established it. */
  readonly extensionOrigin: string;
  /** Throws FrameTooLargeError, sending nothing, when the message would not fit one frame. */
  send(message: HostToExtension): void;
  close(): void;
}
