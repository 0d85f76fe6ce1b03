import { createHash } from "node:crypto";
import { join } from "node:path";

/**
 * Where the daemon listens for relays and CLI commands: a Unix socket inside the 0700 data
 * folder (so only this user can connect), or on Windows a named pipe named after the folder.
 */
export function socketPath(home: string, platform = process.platform): string {
  if (platform === "win32") {
    const id = createHash("sha256").update(home.toLowerCase()).digest("hex").slice(0, 16);
    return `\\\\.\\pipe\\vaughan-${id}`;
  }
  return join(home, "daemon.sock");
}

/** The discovery file: pid, WebSocket port and socket of the running daemon. */
export function discoveryPath(home: string): string {
  return join(home, "daemon.json");
}

export function logPath(home: string): string {
  return join(home, "logs", "host.log");
}
