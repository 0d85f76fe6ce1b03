import { join } from "node:path";
import { currentPipeName } from "./pipeName.js";

/**
 * Where the daemon listens for relays and CLI commands: a Unix socket inside the 0700 data
 * folder (so only this user can connect), or on Windows the named pipe the running daemon
 * chose at random and wrote down in the data folder (pipeName.ts).
 */
export function socketPath(home: string, platform = process.platform): string {
  if (platform === "win32") return currentPipeName(home);
  return join(home, "daemon.sock");
}

/** The discovery file: pid, WebSocket port and socket of the running daemon. */
export function discoveryPath(home: string): string {
  return join(home, "daemon.json");
}

export function logPath(home: string): string {
  return join(home, "logs", "host.log");
}
