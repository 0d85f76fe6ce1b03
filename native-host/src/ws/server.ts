import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import { MAX_INBOUND_FRAME_BYTES, WS_PORT_FIRST, WS_PORT_LAST } from "../../../protocol/constants.js";
import { isExtensionOrigin } from "../../../protocol/wsAuth.js";
import { type WsConnection, wrapConnection } from "./connection.js";
import { runHandshake } from "./handshake.js";
import { hasLivePairingCode, pairedOrigins } from "./pairing.js";
import { loadOrCreateSecret } from "./secret.js";
import { DEFAULT_SOURCE_LIMITS, SourceLimiter, type SourceLimits } from "./sourceLimiter.js";

/** Options of {@link startWsServer}. */
export interface WsServerOptions {
  /** Port to listen on (0 = any, for tests); else the first free of WS_PORT_FIRST..WS_PORT_LAST. */
  port?: number;
  home: string;
  /** Exact origins (`chrome-extension://<id>`, no trailing slash); paired.json is added to these. */
  allowedOrigins: () => ReadonlySet<string>;
  /** The credential an origin must prove (originCredential(secret, origin) in secret.ts). */
  credentialFor: (origin: string) => Buffer;
  onAuthenticated: (conn: WsConnection) => void;
  /** Structured audit log; never receives secrets, nonces or proofs. */
  log: (event: Record<string, unknown>) => void;
  /** Test hooks; production uses the defaults. */
  authTimeoutMs?: number;
  heartbeatMs?: number;
  limits?: Partial<SourceLimits>;
}

/** Counters for `health`. */
export interface WsServerStats {
  port: number;
  connections: number;
  handshaking: number;
  authenticated: number;
  refused: number;
  authFailures: number;
  paired: number;
}

/** A running server. */
export interface WsServerHandle {
  port: number;
  /** The bound address: always 127.0.0.1. */
  address(): AddressInfo;
  close(): Promise<void>;
  stats(): WsServerStats;
}

const MAX_HANDSHAKING = 32;

const STATUS_TEXT: Record<number, string> = {
  403: "Forbidden",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

/** Answers an upgrade we refuse without upgrading: a bare status line and nothing of interest. */
function refuse(socket: Duplex, status: number): void {
  socket.once("finish", () => socket.destroy());
  // A peer that never reads does not keep the socket: it goes after 1 s whatever happens.
  setTimeout(() => socket.destroy(), 1_000).unref();
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The value of a header sent exactly once; a repeated Origin or Host is as bad as a missing one. */
function singleHeader(req: IncomingMessage, name: string): string | undefined {
  let value: string | undefined;
  let count = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]?.toLowerCase() === name) {
      count++;
      value = req.rawHeaders[i + 1];
    }
  }
  return count === 1 ? value : undefined;
}

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    // 127.0.0.1 only: loopback keeps other machines out (it is not authentication, see below).
    server.listen(port, "127.0.0.1", () => {
      server.off("error", onError);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

async function listenInRange(server: Server, port: number | undefined): Promise<number> {
  if (port !== undefined) return listen(server, port);
  for (let p = WS_PORT_FIRST; p <= WS_PORT_LAST; p++) {
    try {
      return await listen(server, p);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    }
  }
  throw new Error(`no free port in ${WS_PORT_FIRST}-${WS_PORT_LAST}`);
}

/**
 * Serves the loopback WebSocket fallback (docs/security.md T1–T5, T12). Every page the user
 * opens and every local process can reach 127.0.0.1, so before upgrading, step by step and
 * failing fast with 403: the Origin must be exactly an allowed extension origin (or, for the
 * pairing path only and while a code is live, a well-formed extension origin), and the Host
 * must name loopback on our port (DNS rebinding). After upgrading, the mutual challenge in
 * handshake.ts must succeed before `onAuthenticated` sees the connection: a local process can
 * forge any header but not the HMAC.
 */
export async function startWsServer(opts: WsServerOptions): Promise<WsServerHandle> {
  // Throws (the host refuses to start) when the data folder or the secret is not private.
  loadOrCreateSecret(opts.home);
  const limiter = new SourceLimiter({ ...DEFAULT_SOURCE_LIMITS, ...opts.limits });
  const counters = { handshaking: 0, authenticated: 0, refused: 0, authFailures: 0, paired: 0 };
  // Compression off: it costs latency and memory per connection, and inflating is a DoS lever.
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: MAX_INBOUND_FRAME_BYTES,
  });
  // Small header limits: an upgrade needs a dozen headers, so 2,000 get a 431 and cost nothing.
  // requireHostHeader off so a missing Host reaches our check (and its 403) like a wrong one.
  const http = createServer({
    maxHeaderSize: 8192,
    headersTimeout: 5_000,
    requestTimeout: 10_000,
    requireHostHeader: false,
  });
  http.maxHeadersCount = 64;
  http.keepAliveTimeout = 1_000;
  http.on("request", (_req, res) => {
    res.writeHead(426, { Connection: "close", "Content-Length": "0" });
    res.end();
  });

  const port = await listenInRange(http, opts.port);
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);

  const allowed = (): ReadonlySet<string> => {
    const set = new Set(opts.allowedOrigins());
    for (const origin of pairedOrigins(opts.home)) set.add(origin);
    return set;
  };

  const refuseUpgrade = (socket: Duplex, source: string, status: number, reason: string, origin?: string) => {
    counters.refused++;
    // 429s are counted, not logged or counted as failures: a flood must not fill the log or
    // extend its own backoff forever.
    if (status !== 429) {
      limiter.fail(source);
      opts.log({ event: "ws.refused", status, reason, source, origin: origin?.slice(0, 256) });
    }
    refuse(socket, status);
  };

  http.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const origin = singleHeader(req, "origin");
    // On loopback every peer is 127.0.0.1, so the backoff is keyed by address AND Origin: a web
    // page's refused attempts (browsers send its true Origin) can never lock our extension out.
    // A local process can forge our Origin and delay us; it can do that by taking the port too.
    const source = `${req.socket.remoteAddress ?? "unknown"} ${origin?.slice(0, 256) ?? "-"}`;
    try {
      const admitted = limiter.admit(source);
      if (admitted !== "ok") return refuseUpgrade(socket, source, 429, admitted);
      if (counters.handshaking >= MAX_HANDSHAKING) return refuseUpgrade(socket, source, 429, "busy");
      // Exact string equality only: no prefix, suffix, regex, case folding or Origin==Host.
      if (origin === undefined) return refuseUpgrade(socket, source, 403, "origin-missing");
      // The pairing path admits a well-formed extension origin (no web page can send one) and
      // only while a code is live; otherwise another extension gets the same 403 as a page.
      const mode = allowed().has(origin)
        ? "auth"
        : isExtensionOrigin(origin) && hasLivePairingCode(opts.home)
          ? "pair"
          : undefined;
      if (mode === undefined) return refuseUpgrade(socket, source, 403, "origin", origin);
      const host = singleHeader(req, "host");
      if (host === undefined || !hosts.has(host)) return refuseUpgrade(socket, source, 403, "host", origin);
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, origin, mode, source));
    } catch (error) {
      opts.log({ event: "ws.error", where: "upgrade", message: String(error) });
      refuseUpgrade(socket, source, 500, "internal");
    }
  });

  const alive = new WeakSet<WebSocket>();
  const accept = (ws: WebSocket, origin: string, mode: "auth" | "pair", source: string) => {
    counters.handshaking++;
    alive.add(ws);
    ws.on("pong", () => alive.add(ws));
    ws.on("error", (error) => opts.log({ event: "ws.error", source, origin, message: error.message }));
    let handshaking = true;
    const settle = () => {
      if (handshaking) counters.handshaking--;
      handshaking = false;
    };
    ws.on("close", settle);
    runHandshake(ws, {
      origin,
      mode,
      source,
      port,
      home: opts.home,
      timeoutMs: opts.authTimeoutMs ?? 5_000,
      credentialFor: opts.credentialFor,
      log: opts.log,
      onFailure: () => {
        settle();
        counters.authFailures++;
        limiter.fail(source);
      },
      onPaired: () => {
        settle();
        counters.paired++;
      },
      onReady: () => {
        settle();
        counters.authenticated++;
        const conn = wrapConnection(ws, origin, (error) =>
          opts.log({ event: "ws.error", where: "handler", origin, message: String(error) }),
        );
        opts.onAuthenticated(conn);
      },
    });
  };

  // Heartbeat: a peer that misses a pong for a whole interval is gone (sleeping laptop, killed
  // browser) and is terminated so it does not hold a connection slot.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, opts.heartbeatMs ?? 15_000);
  heartbeat.unref();

  return {
    port,
    address: () => http.address() as AddressInfo,
    stats: () => ({ port, connections: wss.clients.size, ...counters }),
    close: async () => {
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
