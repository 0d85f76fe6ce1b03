import { chmodSync, unlinkSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";

/** True when something accepts connections at `path`. */
export function isListening(path: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    const done = (alive: boolean) => {
      socket.destroy();
      resolve(alive);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export class AlreadyRunningError extends Error {
  override name = "AlreadyRunningError";
}

/**
 * Listens on the daemon's socket. A live socket means another daemon owns this data folder
 * (two would fight over nonces and files); a dead one is a leftover of a crash and is replaced.
 */
export async function listenLocal(path: string, onConnection: (socket: Socket) => void): Promise<Server> {
  if (await isListening(path)) throw new AlreadyRunningError(`a daemon is already running at ${path}`);
  if (process.platform !== "win32") {
    try {
      unlinkSync(path);
    } catch {
      // Nothing left over.
    }
  }
  const server = createServer(onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, () => {
      server.off("error", reject);
      resolve();
    });
  });
  // The folder is 0700 already; the socket itself is made owner-only too.
  if (process.platform !== "win32") chmodSync(path, 0o600);
  return server;
}
