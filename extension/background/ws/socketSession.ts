/**
 * A thin, promise-based reader over a browser WebSocket, so the client handshake in
 * wsTransport.ts reads as straight-line code. Browser code: no `node:` imports.
 */

/** The part of the WHATWG WebSocket we use; the `ws` package's class fits too (tests). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: never) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: never) => void) | null;
  onerror: ((ev: never) => void) | null;
}

/** A constructor like `globalThis.WebSocket`. */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** What callers get once the handshake is over. */
export interface VerifiedSocket {
  send(text: string): void;
  onMessage(cb: (text: string) => void): void;
  onClose(cb: () => void): void;
  close(): void;
}

const OPEN = 1;

/** An open socket whose frames are read one at a time with {@link SocketSession.next}. */
export interface SocketSession {
  send(text: string): void;
  /** The next text frame; null when the socket closed, timed out or sent a binary frame. */
  next(): Promise<string | null>;
  close(): void;
  /** Hands the socket over as a transport; frames already queued are delivered first. */
  detach(): VerifiedSocket;
}

/**
 * Opens `url` and resolves once it is open, or null when it cannot be reached within
 * `timeoutMs`. The same deadline also bounds the whole handshake: when it passes, the socket
 * is closed and pending reads return null, so nothing waits forever on a silent peer.
 */
export function openSession(
  WebSocketImpl: WebSocketConstructor,
  url: string,
  timeoutMs: number,
): Promise<SocketSession | null> {
  return new Promise((resolve) => {
    let ws: WebSocketLike;
    try {
      ws = new WebSocketImpl(url);
    } catch {
      resolve(null);
      return;
    }
    const queue: Array<string | null> = [];
    const waiters: Array<(frame: string | null) => void> = [];
    let ended = false;
    let detached = false;

    const push = (frame: string | null) => {
      if (ended) return;
      if (frame === null) ended = true;
      const waiter = waiters.shift();
      if (waiter) waiter(frame);
      else queue.push(frame);
      if (ended) for (const w of waiters.splice(0)) w(null);
    };
    const end = () => {
      clearTimeout(timer);
      push(null);
      try {
        ws.close();
      } catch {
        // Already closed.
      }
    };
    const timer = setTimeout(() => {
      if (detached) return;
      end();
      resolve(null);
    }, timeoutMs);

    ws.onerror = () => {};
    ws.onclose = () => {
      if (detached) return;
      clearTimeout(timer);
      push(null);
      resolve(null);
    };
    ws.onmessage = (ev) => push(typeof ev.data === "string" ? ev.data : null);
    ws.onopen = () =>
      resolve({
        send: (text) => {
          if (!ended && ws.readyState === OPEN) ws.send(text);
        },
        next: () => {
          if (queue.length > 0) return Promise.resolve(queue.shift() ?? null);
          if (ended) return Promise.resolve(null);
          return new Promise((r) => waiters.push(r));
        },
        close: end,
        detach: () => {
          detached = true;
          clearTimeout(timer);
          return toTransport(
            ws,
            queue.filter((f): f is string => f !== null),
            ended,
          );
        },
      });
  });
}

function toTransport(ws: WebSocketLike, backlog: string[], alreadyClosed: boolean): VerifiedSocket {
  const messageHandlers: Array<(text: string) => void> = [];
  const closeHandlers: Array<() => void> = [];
  let closed = alreadyClosed;
  ws.onmessage = (ev) => {
    // The protocol is JSON text; a binary frame means something is wrong with the peer.
    if (typeof ev.data !== "string") {
      ws.close(1003, "text frames only");
      return;
    }
    if (messageHandlers.length === 0) backlog.push(ev.data);
    for (const cb of messageHandlers) cb(ev.data);
  };
  ws.onclose = () => {
    closed = true;
    for (const cb of closeHandlers.splice(0)) cb();
  };
  return {
    send: (text) => {
      if (ws.readyState === OPEN) ws.send(text);
    },
    onMessage: (cb) => {
      messageHandlers.push(cb);
      for (const text of backlog.splice(0)) cb(text);
    },
    onClose: (cb) => {
      if (closed) cb();
      else closeHandlers.push(cb);
    },
    close: () => ws.close(1000, "bye"),
  };
}
