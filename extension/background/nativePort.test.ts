import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * The browser's port, faked: this file tests what NativePort does with the port's events, which
 * needs them fired at chosen moments. The real port is exercised by every Chromium test.
 */
class FakePort {
  readonly sent: unknown[] = [];
  disconnected = false;
  private readonly messageListeners: Array<(message: unknown) => void> = [];
  private readonly disconnectListeners: Array<(port: FakePort) => void> = [];
  readonly onMessage = {
    addListener: (listener: (message: unknown) => void) => this.messageListeners.push(listener),
  };
  readonly onDisconnect = {
    addListener: (listener: (port: FakePort) => void) => this.disconnectListeners.push(listener),
  };
  error: { message: string } | undefined;
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  disconnect(): void {
    this.disconnected = true;
  }
  fireMessage(message: unknown): void {
    for (const listener of this.messageListeners) listener(message);
  }
  fireDisconnect(message: string): void {
    this.error = { message };
    for (const listener of this.disconnectListeners) listener(this);
  }
}

const ports: FakePort[] = [];
vi.mock("webextension-polyfill", () => ({
  default: {
    runtime: {
      connectNative: () => {
        const port = new FakePort();
        ports.push(port);
        return port;
      },
    },
  },
}));
const { NativePort, extensionHello, openEarlyNativePort, takeEarlyNativePort } = await import(
  "./nativePort.js"
);
const hello = extensionHello({ extension: "1.0.0", browser: "chromium", origin: "chrome-extension://x" });

afterEach(() => {
  takeEarlyNativePort();
  ports.length = 0;
  vi.useRealTimers();
});

describe("NativePort", () => {
  it("greets the host at once and hands over, in order, what arrived before anyone listened", () => {
    const port = new NativePort(hello);
    expect(ports[0]?.sent).toEqual([hello]);
    ports[0]?.fireMessage({ n: 1 });
    ports[0]?.fireMessage({ n: 2 });
    ports[0]?.fireDisconnect("Native host has exited.");
    const events: unknown[] = [];
    port.listen({ onMessage: (raw) => events.push(raw), onDisconnect: (reason) => events.push(reason) });
    expect(events).toEqual([{ n: 1 }, { n: 2 }, "Native host has exited."]);
    ports[0]?.fireMessage({ n: 3 });
    expect(events).toHaveLength(4);
  });
});

describe("the early port", () => {
  it("is taken once; later connections open their own", () => {
    openEarlyNativePort(hello);
    expect(takeEarlyNativePort()).toBeInstanceOf(NativePort);
    expect(takeEarlyNativePort()).toBeUndefined();
  });

  it("is not taken when it closed before anyone asked (a later connection tries afresh)", () => {
    openEarlyNativePort(hello);
    ports[0]?.fireDisconnect("Specified native messaging host not found.");
    expect(takeEarlyNativePort()).toBeUndefined();
  });

  it("is closed when nothing takes it, so a wake that needs no host does not keep one running", () => {
    vi.useFakeTimers();
    openEarlyNativePort(hello);
    vi.advanceTimersByTime(9_999);
    expect(ports[0]?.disconnected).toBe(false);
    vi.advanceTimersByTime(1);
    expect(ports[0]?.disconnected).toBe(true);
    expect(takeEarlyNativePort()).toBeUndefined();
  });
});
