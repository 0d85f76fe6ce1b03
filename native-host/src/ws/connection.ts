import { WebSocket } from "ws";

/** An authenticated WebSocket peer, handed to the daemon once the handshake has succeeded. */
export interface WsConnection {
  /** The exact Origin the peer proved it holds the credential for. */
  readonly origin: string;
  /** Sends one text frame; dropped silently once the socket is closing. */
  send(text: string): void;
  /** Registers a text-frame handler; frames that arrived before the first handler are replayed. */
  onMessage(cb: (text: string) => void): void;
  /** Registers a close handler; called at once when the socket is already closed. */
  onClose(cb: () => void): void;
  close(): void;
}

/** Frames held for a handler not yet registered; more than this and the peer is misbehaving. */
const MAX_BACKLOG = 64;

/**
 * Wraps an authenticated socket. Binary frames are refused (1003): the protocol is JSON text,
 * and refusing keeps one parser at the edge. Handler errors are reported through `onError` so a
 * bug in a handler cannot take the daemon down.
 */
export function wrapConnection(
  ws: WebSocket,
  origin: string,
  onError: (error: unknown) => void,
): WsConnection {
  const messageHandlers: Array<(text: string) => void> = [];
  const closeHandlers: Array<() => void> = [];
  let backlog: string[] = [];
  let closed = false;

  const deliver = (text: string) => {
    for (const cb of messageHandlers) {
      try {
        cb(text);
      } catch (error) {
        onError(error);
      }
    }
  };

  ws.on("message", (data, isBinary) => {
    if (isBinary) {
      ws.close(1003, "text frames only");
      return;
    }
    const text = Buffer.isBuffer(data)
      ? data.toString("utf8")
      : Buffer.concat(data as Buffer[]).toString("utf8");
    if (messageHandlers.length > 0) deliver(text);
    else if (backlog.length < MAX_BACKLOG) backlog.push(text);
    else ws.close(1008, "backlog full");
  });
  ws.on("close", () => {
    closed = true;
    for (const cb of closeHandlers.splice(0)) {
      try {
        cb();
      } catch (error) {
        onError(error);
      }
    }
  });

  return {
    origin,
    send(text) {
      if (ws.readyState === WebSocket.OPEN) ws.send(text, { binary: false });
    },
    onMessage(cb) {
      messageHandlers.push(cb);
      const pending = backlog;
      backlog = [];
      for (const text of pending) deliver(text);
    },
    onClose(cb) {
      if (closed) cb();
      else closeHandlers.push(cb);
    },
    close() {
      ws.close(1000, "bye");
    },
  };
}
