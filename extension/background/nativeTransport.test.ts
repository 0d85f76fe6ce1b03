import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/**
 * A port as both browsers hand it to onDisconnect listeners. Firefox sets `port.error`; Chrome
 * sets `chrome.runtime.lastError` only while the listener runs.
 */
class FakePort {
  error: { message: string } | undefined;
  readonly sent: unknown[] = [];
  private readonly disconnectListeners: Array<(port: FakePort) => void> = [];
  readonly onMessage = { addListener: (_listener: (message: unknown) => void) => undefined };
  readonly onDisconnect = {
    addListener: (listener: (port: FakePort) => void) => this.disconnectListeners.push(listener),
  };
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  disconnect(): void {}
  fireDisconnect(): void {
    for (const listener of this.disconnectListeners) listener(this);
  }
}

let port: FakePort;
vi.mock("webextension-polyfill", () => ({
  default: { runtime: { connectNative: () => port } },
}));
const { connectNative, NativeUnavailableError } = await import("./nativeTransport.js");
const { extensionHello } = await import("./nativePort.js");

const handlers = { onMessage: () => undefined, onClose: () => undefined };
const info = {
  extension: "0.0.0",
  browser: "firefox",
  origin: "moz-extension://0b6c1c53-7c1f-4a3e-9a8e-4f1d2c3b4a5d",
};
const hello = extensionHello(info);
type ChromeGlobal = { chrome?: { runtime?: { lastError?: { message: string } } } };

describe("connectNative: the browser's reason for a refused port", () => {
  beforeEach(() => {
    port = new FakePort();
  });
  afterEach(() => {
    delete (globalThis as ChromeGlobal).chrome;
  });

  it("reads Firefox's port.error", async () => {
    const connecting = connectNative(handlers, hello);
    port.error = { message: "No such native application io.vaughan.host" };
    port.fireDisconnect();
    const error = await connecting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NativeUnavailableError);
    expect((error as Error).message).toBe("No such native application io.vaughan.host");
  });

  it("reads Chrome's runtime.lastError while the listener runs", async () => {
    const chrome: ChromeGlobal["chrome"] = { runtime: {} };
    (globalThis as ChromeGlobal).chrome = chrome;
    const connecting = connectNative(handlers, extensionHello({ ...info, browser: "chromium" }));
    if (chrome?.runtime) chrome.runtime.lastError = { message: "Specified native messaging host not found." };
    port.fireDisconnect();
    await expect(connecting).rejects.toThrow("Specified native messaging host not found.");
  });

  it("says the host exited when the browser gives no reason", async () => {
    const connecting = connectNative(handlers, hello);
    port.fireDisconnect();
    await expect(connecting).rejects.toThrow("Native host has exited.");
  });

  it("sends the hello with the extension's own origin first", async () => {
    const connecting = connectNative(handlers, hello);
    expect(port.sent).toEqual([{ v: 1, type: "hello", role: "extension", ...info }]);
    port.fireDisconnect();
    await connecting.catch(() => undefined);
  });
});
