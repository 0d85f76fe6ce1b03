import { existsSync } from "node:fs";
import type { Io } from "../cli.js";
import { parseFlags, UsageError } from "../cliArgs.js";
import type { Daemon, startDaemon } from "../daemon/daemon.js";
import { socketPath } from "../daemon/paths.js";
import { readTrustedIds } from "../trustedIds.js";
import { loadOrCreateSecret, originCredential } from "../ws/secret.js";
import { startWsServer } from "../ws/server.js";

const ORPHAN_CHECK_MS = 5000;

/** The exact extension origins the WebSocket accepts before pairing: the trusted Chromium ids. */
export function chromiumOrigins(home: string): Set<string> {
  return new Set(readTrustedIds(home).chromium.map((id) => `chrome-extension://${id}`));
}

/**
 * `serve [--port N]`: the daemon in the foreground (or detached, when a relay started it).
 * Prints `listening ws://127.0.0.1:PORT` once the WebSocket fallback listens.
 */
export async function serveCommand(
  home: string,
  args: string[],
  io: Io,
  start: typeof startDaemon,
): Promise<number> {
  const { values, booleans } = parseFlags(args, { values: ["port"], booleans: ["detached"] });
  const portText = values.get("port");
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new UsageError(`invalid port "${portText}"`);
  const daemon: Daemon = await start({ home, foreground: !booleans.has("detached") });
  let ws: Awaited<ReturnType<typeof startWsServer>> | undefined;
  try {
    const secret = loadOrCreateSecret(home);
    ws = await startWsServer({
      port,
      home,
      allowedOrigins: () => chromiumOrigins(home),
      credentialFor: (origin) => originCredential(secret, origin),
      log: daemon.log,
      onAuthenticated: (conn) => {
        const session = daemon.openSession("websocket", conn.origin, conn);
        conn.onMessage(session.onText);
        conn.onClose(session.onClose);
      },
    });
    daemon.setPort(ws.port);
    io.stdout(`listening ws://127.0.0.1:${ws.port}\n`);
  } catch (error) {
    // The native path still works without the fallback; say why the fallback is off.
    daemon.log({ event: "ws-unavailable", message: (error as Error).message });
    io.stderr(`vaughan-host: WebSocket fallback unavailable: ${(error as Error).message}\n`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    process.once("SIGHUP", stop);
    // A daemon whose data folder was deleted (a removed temporary home, an uninstall) can
    // serve nobody: nothing would find its socket. It stops instead of lingering forever.
    if (process.platform !== "win32") {
      const watch = setInterval(() => {
        if (!existsSync(socketPath(home))) {
          clearInterval(watch);
          daemon.log({ event: "socket-gone" });
          resolve();
        }
      }, ORPHAN_CHECK_MS);
      watch.unref();
    }
  });
  await ws?.close();
  await daemon.close();
  return 0;
}
