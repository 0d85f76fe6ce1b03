import browser from "webextension-polyfill";
import { NATIVE_HOST_NAME, PROTOCOL_VERSION } from "../../protocol/constants.js";
import type { Hello } from "../../protocol/messages.js";

type Port = browser.Runtime.Port;

/** What a port reports, in order, to whoever listens (see `NativePort.listen`). */
export interface NativePortSink {
  onMessage(raw: unknown): void;
  /** The port closed; `reason` is the browser's words (Firefox's `port.error`, Chrome's lastError). */
  onDisconnect(reason: string): void;
}

/**
 * A native-messaging port, opened and greeted with the extension's hello. What arrives before
 * anyone listens is kept and handed over in order, so the port can be opened before the code
 * that reads it has loaded (`openEarlyNativePort`). Deliberately free of the schemas: this module
 * loads first in the worker.
 */
export class NativePort {
  private readonly port: Port;
  private readonly queued: Array<{ raw: unknown } | { closed: string }> = [];
  private sink: NativePortSink | undefined;
  private closedWith: string | undefined;

  /** Throws what `connectNative` throws (an unregistered host on some browsers). */
  constructor(hello: Hello) {
    this.port = browser.runtime.connectNative(NATIVE_HOST_NAME);
    this.port.onMessage.addListener((raw: unknown) => {
      if (this.sink) this.sink.onMessage(raw);
      else this.queued.push({ raw });
    });
    this.port.onDisconnect.addListener((p: Port) => {
      // Chrome sets lastError only while this listener runs: read it now, not when handed over.
      const reason =
        (p as { error?: { message?: string } }).error?.message ??
        (globalThis as { chrome?: { runtime?: { lastError?: { message?: string } } } }).chrome?.runtime
          ?.lastError?.message ??
        "Native host has exited.";
      this.closedWith = reason;
      if (this.sink) this.sink.onDisconnect(reason);
      else this.queued.push({ closed: reason });
    });
    this.port.postMessage(hello);
  }

  /** Whether the port closed before anyone listened (then it is of no use to take). */
  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  listen(sink: NativePortSink): void {
    this.sink = sink;
    for (const event of this.queued.splice(0)) {
      if ("raw" in event) sink.onMessage(event.raw);
      else sink.onDisconnect(event.closed);
    }
  }

  post(message: unknown): void {
    this.port.postMessage(message);
  }

  disconnect(): void {
    this.port.disconnect();
  }
}

/** What the extension says first on every native port. */
export function extensionHello(info: { extension: string; browser: string; origin: string }): Hello {
  return { v: PROTOCOL_VERSION, type: "hello", role: "extension", ...info };
}

/** A page's first request follows the worker's wake within milliseconds; this is far past that. */
const EARLY_PORT_UNUSED_MS = 10_000;
let early: NativePort | undefined;
let earlyTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Opens native messaging as the worker starts, before the rest of it loads. The worker wakes
 * because a page or a wallet page is about to ask the host something, and starting the host is a
 * process launch: begun here, it overlaps the worker's own start instead of following the first
 * request (bench/README.md, "After the service worker stops", measures the difference). A port
 * the browser refuses, or one that closed before it was taken, is simply not used.
 */
export function openEarlyNativePort(hello: Hello): void {
  try {
    early = new NativePort(hello);
  } catch {
    early = undefined;
    return;
  }
  // A wake that asks the host nothing (an install, an update) must not keep the host, and the
  // worker it holds alive, running: an untaken port is closed.
  earlyTimer = setTimeout(() => takeEarlyNativePort()?.disconnect(), EARLY_PORT_UNUSED_MS);
}

/** The early port, once, if it is still open; later connections open their own. */
export function takeEarlyNativePort(): NativePort | undefined {
  clearTimeout(earlyTimer);
  const port = early;
  early = undefined;
  if (port?.closed) return undefined;
  return port;
}
