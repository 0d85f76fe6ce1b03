import { unlinkSync } from "node:fs";
import type { Server, Socket } from "node:net";
import { join } from "node:path";
import { PROTOCOL_VERSION } from "../../../protocol/constants.js";
import { parseJson } from "../../../protocol/json.js";
import { HelloSchema, type HostToExtension } from "../../../protocol/messages.js";
import { atomicWrite } from "../atomicWrite.js";
import { checkFrameSize } from "../framing.js";
import { assertPrivate, ensureHome } from "../home.js";
import { createLog, type Log } from "../log.js";
import { forgetOldOrigins, ORIGIN_SWEEP_MS, retentionMs } from "../logRetention.js";
import { ACTIVITY_DIR } from "../stores/activity.js";
import { sweepTempFiles } from "../sweepTempFiles.js";
import type { Session } from "../wallet/Session.js";
import { Wallet } from "../wallet/Wallet.js";
import { loadOrCreateSecret } from "../ws/secret.js";
import { acquireDaemonLock } from "./daemonLock.js";
import { ExtensionHandler } from "./ExtensionHandler.js";
import { FramedSocket } from "./FramedSocket.js";
import { listenLocal } from "./localServer.js";
import { discoveryPath, logPath, socketPath } from "./paths.js";
import { newPipeName } from "./pipeName.js";
import { answerProofRequest } from "./serverProof.js";

export const HOST_VERSION = "0.1.0";

export interface Daemon {
  readonly wallet: Wallet;
  readonly sessions: ReadonlySet<Session>;
  readonly log: Log;
  /** Adds an authenticated connection from another transport (the WebSocket server). */
  openSession(
    transport: Session["transport"],
    extensionOrigin: string,
    io: { send(text: string): void; close(): void },
  ): { onText(text: string): void; onClose(): void };
  /** Records the WebSocket port in the discovery file. */
  setPort(port: number): void;
  close(): Promise<void>;
}

/**
 * `vaughan-host serve`: the only process that ever holds decrypted keys. Serves relays and the
 * CLI on the local socket. Start-up does no KDF and no key derivation (cold start).
 */
export async function startDaemon(options: { home: string; foreground: boolean }): Promise<Daemon> {
  const { home } = options;
  ensureHome(home);
  assertPrivate(home, "dir");
  // One daemon per data folder, decided before anything is touched (two relays at login may
  // each start one): the loser exits here, and the winner's socket is never unlinked.
  const releaseLock = acquireDaemonLock(home);
  // A daemon or CLI killed mid-write leaves temp files; the daemon is the one place to tidy.
  sweepTempFiles(home);
  const log = createLog(logPath(home), options.foreground);
  const wallet = new Wallet(home);
  // The retention is a setting: read at every sweep, and a change is applied at once.
  const forgetOrigins = () =>
    log.rewrite(() =>
      forgetOldOrigins(logPath(home), Date.now(), retentionMs(wallet.settings.get().logRetentionDays)),
    );
  forgetOrigins();
  const originSweep = setInterval(forgetOrigins, ORIGIN_SWEEP_MS).unref();
  sweepTempFiles(join(home, ACTIVITY_DIR));
  // Transactions still pending when the last daemon stopped are followed again, once the
  // socket is up: reading the activity files stays off the start path.
  setTimeout(() => wallet.follower.resume(), 0).unref();
  wallet.onSettingsChange(forgetOrigins);
  const sessions = new Set<Session>();
  const counters = { requests: 0, errors: 0 };
  const handler = new ExtensionHandler(wallet, log, counters, Date.now(), () => sessions);
  let nextId = 1;

  wallet.onEvent((origin, event, data) => {
    handler.syncSiteState();
    for (const session of sessions) {
      try {
        session.send({ v: PROTOCOL_VERSION, type: "event", origin, event, data });
      } catch (error) {
        log({ event: "event-not-sent", session: session.id, message: String(error) });
      }
    }
  });

  // Created before the socket exists: clients verify the daemon with it (serverProof.ts).
  const secret = loadOrCreateSecret(home);
  const onLocal = (socket: Socket) =>
    acceptLocal(socket, { handler, sessions, log, wallet, secret, nextId: () => nextId++ });
  let server: Server;
  try {
    server = await listenLocal(process.platform === "win32" ? newPipeName(home) : socketPath(home), onLocal);
  } catch (error) {
    releaseLock();
    throw error;
  }
  log({ event: "daemon-start", home });

  const writeDiscovery = (port: number | null) =>
    atomicWrite(
      discoveryPath(home),
      JSON.stringify({ pid: process.pid, socket: socketPath(home), port, version: HOST_VERSION }),
    );
  writeDiscovery(null);

  return {
    wallet,
    sessions,
    log,
    openSession(transport, extensionOrigin, io) {
      const session: Session = {
        id: nextId++,
        transport,
        // Only a paired extension gets past the WebSocket handshake.
        role: "extension",
        extensionOrigin,
        // The same cap as a native frame: an answer is never larger on one transport than the other.
        send: (message) => {
          const text = JSON.stringify(message);
          checkFrameSize(text);
          io.send(text);
        },
        close: () => io.close(),
      };
      sessions.add(session);
      log({ event: "session-open", session: session.id, transport, extensionOrigin });
      session.send({ v: PROTOCOL_VERSION, type: "hello", host: HOST_VERSION });
      return {
        onText: (text) => handler.onText(session, text),
        onClose: () => {
          sessions.delete(session);
          wallet.approvals.dropSession(session);
          handler.sessionClosed(session);
          log({ event: "session-close", session: session.id });
        },
      };
    },
    setPort: (port) => writeDiscovery(port),
    async close() {
      clearInterval(originSweep);
      wallet.follower.stop();
      for (const session of sessions) session.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      try {
        unlinkSync(discoveryPath(home));
      } catch {
        // Already gone.
      }
      wallet.lock();
      log({ event: "daemon-stop" });
      releaseLock();
    },
  };
}

function acceptLocal(
  socket: Socket,
  ctx: {
    handler: ExtensionHandler;
    sessions: Set<Session>;
    log: Log;
    wallet: Wallet;
    secret: Buffer;
    nextId: () => number;
  },
): void {
  let session: Session | undefined;
  const id = ctx.nextId();
  const framed: FramedSocket = new FramedSocket(socket, {
    onText: (text) => {
      if (session) {
        ctx.handler.onText(session, text);
        return;
      }
      // A client may first ask the daemon to prove itself (serverProof.ts).
      const proof = answerProofRequest(ctx.secret, text);
      if (proof) {
        framed.send(proof);
        return;
      }
      // The first frame must be a hello naming the caller's role; anything else closes the
      // connection. A relay names the extension origin the browser gave it.
      let hello: ReturnType<typeof HelloSchema.safeParse>;
      try {
        hello = HelloSchema.safeParse(parseJson(text));
      } catch {
        hello = { success: false } as typeof hello;
      }
      const data = hello.success ? hello.data : undefined;
      const extensionOrigin = data?.role === "cli" ? "cli" : data?.origin;
      if (!data || extensionOrigin === undefined) {
        ctx.log({ event: "bad-local-hello", session: id });
        socket.destroy();
        return;
      }
      const { role } = data;
      session = {
        id,
        transport: "native",
        role,
        extensionOrigin,
        send: (message: HostToExtension) => framed.send(message),
        close: () => socket.end(),
      };
      ctx.sessions.add(session);
      ctx.log({ event: "session-open", session: id, transport: "native", role, extensionOrigin });
      session.send({ v: PROTOCOL_VERSION, type: "hello", host: HOST_VERSION });
    },
    onBadFrame: () => {
      session?.send({
        v: PROTOCOL_VERSION,
        type: "error",
        error: { code: -32700, message: "Parse error: invalid UTF-8" },
      });
    },
    onFatal: (error) => {
      ctx.log({ event: "frame-fatal", session: id, message: error.message });
      socket.destroy();
    },
  });
  socket.on("error", () => socket.destroy());
  socket.on("close", () => {
    if (!session) return;
    ctx.sessions.delete(session);
    ctx.wallet.approvals.dropSession(session);
    ctx.handler.sessionClosed(session);
    ctx.log({ event: "session-close", session: id });
  });
}
