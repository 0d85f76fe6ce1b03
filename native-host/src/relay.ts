import { connect } from "node:net";
import {
  MAX_INBOUND_FRAME_BYTES,
  MAX_OUTBOUND_FRAME_BYTES,
  PROTOCOL_VERSION,
} from "../../protocol/constants.js";
import type { Hello } from "../../protocol/messages.js";
import { isListening } from "./daemon/localServer.js";
import { logPath, socketPath } from "./daemon/paths.js";
import { proveServer } from "./daemon/serverProof.js";
import { encodeFrame, FrameDecoder } from "./framing.js";
import { ensureHome } from "./home.js";
import { daemonEnv } from "./launcherEnv.js";
import { createLog } from "./log.js";
import { readTrustedIds } from "./trustedIds.js";

export interface Caller {
  browser: "chromium" | "firefox";
  /** `chrome-extension://ID` for Chromium; Firefox's origins are random per install, so its add-on id. */
  extensionOrigin: string;
  extensionId: string;
}

/**
 * Who launched us, from the arguments the browser passes: Chromium gives the caller's origin
 * (`chrome-extension://ID/`), Firefox the manifest path and the add-on id. Undefined when the
 * arguments are neither (then this is a CLI invocation).
 */
export function parseCaller(argv: readonly string[]): Caller | undefined {
  const first = argv[0] ?? "";
  const chrome = /^chrome-extension:\/\/([a-p]{32})\/$/.exec(first);
  if (chrome)
    return {
      browser: "chromium",
      extensionOrigin: `chrome-extension://${chrome[1]}`,
      extensionId: chrome[1] as string,
    };
  if (first.endsWith(".json") && argv.length >= 2 && /^[\w.@{}-]{1,128}$/.test(argv[1] ?? "")) {
    return { browser: "firefox", extensionOrigin: `firefox:${argv[1]}`, extensionId: argv[1] as string };
  }
  return undefined;
}

/** The extension ids this host serves, Chromium's and Firefox's, as `install` last registered them. */
export function allowedExtensionIds(home: string): Set<string> {
  const ids = readTrustedIds(home);
  return new Set([...ids.chromium, ...ids.firefox]);
}

/**
 * Relay mode: spawned by the browser, it carries frames between the browser (stdin/stdout)
 * and the daemon (local socket), starting the daemon when none runs. Nothing but frames is
 * ever written to stdout.
 */
export async function runRelay(options: {
  home: string;
  caller: Caller;
  hostScript: string;
}): Promise<number> {
  const { home, caller } = options;
  ensureHome(home);
  const log = createLog(logPath(home));
  // The manifest's allowed_origins already limits who can start us; checking again here means
  // a wrong or hand-edited manifest still cannot hand the wallet to another extension.
  if (!allowedExtensionIds(home).has(caller.extensionId)) {
    log({ event: "relay-refused", extension: caller.extensionOrigin });
    process.stderr.write(`vaughan-host: extension ${caller.extensionOrigin} is not allowed\n`);
    return 1;
  }
  const path = socketPath(home);
  if (!(await isListening(path))) await startDaemon(options.hostScript, home);
  const daemon = connect(path);
  await new Promise<void>((resolve, reject) => {
    daemon.once("connect", resolve);
    daemon.once("error", reject);
  });
  // Nothing of the browser's goes to a server that cannot prove it is our daemon.
  try {
    await proveServer(daemon, home);
  } catch (error) {
    log({ event: "relay-daemon-unproven", message: (error as Error).message });
    process.stderr.write(`vaughan-host: ${(error as Error).message}\n`);
    daemon.destroy();
    return 1;
  }

  // Frames pass through as bytes: the relay checks only their declared sizes (the browser's
  // side against the inbound cap, the daemon's against the 1 MiB a browser accepts) and leaves
  // reading them to the daemon, which parses every frame at its edge.
  let exitCode = 0;
  const fromBrowser = new FrameDecoder(MAX_INBOUND_FRAME_BYTES);
  const fromDaemon = new FrameDecoder(MAX_OUTBOUND_FRAME_BYTES);
  process.stdin.on("data", (chunk: Buffer) => {
    let frames: Buffer[];
    try {
      frames = fromBrowser.pushRaw(chunk);
    } catch (error) {
      // The length prefix was refused before allocating; the stream's framing is lost, so the
      // only safe move is to stop. The browser sees the host exit and reconnects.
      log({ event: "relay-frame-fatal", message: (error as Error).message });
      process.stderr.write(`vaughan-host: ${(error as Error).message}\n`);
      exitCode = 1;
      daemon.destroy();
      process.stdin.destroy();
      return;
    }
    for (const frame of frames) daemon.write(frame);
  });
  daemon.on("data", (chunk: Buffer) => {
    let frames: Buffer[];
    try {
      frames = fromDaemon.pushRaw(chunk);
    } catch (error) {
      log({ event: "relay-frame-fatal", direction: "to-browser", message: (error as Error).message });
      daemon.destroy();
      return;
    }
    for (const frame of frames) process.stdout.write(frame);
  });
  // Closing stdout early (the browser went away) must not crash the relay mid-write.
  process.stdout.on("error", () => daemon.destroy());
  daemon.write(
    encodeFrame({
      v: PROTOCOL_VERSION,
      type: "hello",
      role: "extension",
      origin: caller.extensionOrigin,
      browser: caller.browser,
    } satisfies Hello),
  );

  return new Promise<number>((resolve) => {
    // The browser closes stdin when the port closes; the daemon closing means it stopped.
    process.stdin.once("end", () => daemon.end());
    process.stdin.once("close", () => daemon.end());
    daemon.once("close", () => {
      process.stdin.destroy();
      resolve(exitCode);
    });
    daemon.on("error", () => daemon.destroy());
  });
}

/**
 * Starts `serve` detached in its own session so it outlives this relay, the port and the
 * browser (docs/testing.md), then waits for its socket.
 */
async function startDaemon(hostScript: string, home: string): Promise<void> {
  // Imported here: only a relay that finds no daemon needs it, and loading it costs every start.
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, [hostScript, "serve", "--home", home, "--detached"], {
    detached: true,
    stdio: "ignore",
    env: daemonEnv(process.env),
  });
  child.unref();
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await isListening(socketPath(home), 500)) return;
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error("the daemon did not start within 10 s");
}
