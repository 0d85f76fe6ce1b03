import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ExtensionToHost } from "../../protocol/messages.js";
import {
  ANSWER_DEADLINE_MS,
  type Connector,
  type HostAnswer,
  HostLink,
  PROMPT_DEADLINE_MS,
} from "./HostLink.js";
import type { Transport, TransportHandlers } from "./Transport.js";

/*
 * HostLink's connection attempts and its return from the WebSocket fallback to native messaging,
 * on a clock we control. test/e2e/fallback.test.ts covers both with real Chromium, a real native
 * host and a real daemon, but it cannot place a request in flight at the exact moment of the 30 s
 * check, or hold a connection past a request's budget, which is what these cases are about; so
 * here the transports are stand-ins that record what is sent and answer when told.
 */

class FakeTransport implements Transport {
  readonly sent: ExtensionToHost[] = [];
  closed = false;
  /** Answers each request inside `send`, as the bench's stand-in host does. */
  answerInSend = false;
  constructor(
    readonly kind: Transport["kind"],
    private readonly handlers: TransportHandlers,
  ) {}
  send(message: ExtensionToHost): void {
    this.sent.push(message);
    if (this.answerInSend) this.answer(this.sent.length - 1);
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.handlers.onClose("closed");
  }
  /** Answers the request sent with index `i` on this transport. */
  answer(i: number): void {
    const request = this.sent[i];
    if (request?.type !== "rpc") throw new Error(`no request ${i}`);
    const { id } = request.payload as { id: number };
    const payload = { jsonrpc: "2.0", id, result: "0x1" };
    this.handlers.onMessage({ v: 1, type: "rpc", origin: request.origin, payload });
  }
}

/** A connector whose connections fail while `works` is false, and take `delayMs` when they work. */
class FakeConnector implements Connector {
  works = true;
  delayMs = 0;
  readonly made: FakeTransport[] = [];
  constructor(readonly kind: Transport["kind"]) {}
  async connect(handlers: TransportHandlers): Promise<Transport> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (!this.works) throw new Error(`${this.kind} does not work`);
    const transport = new FakeTransport(this.kind, handlers);
    this.made.push(transport);
    return transport;
  }
}

const TICK_MS = 30_000;

/** One page request through the link, as a promise. */
const ask = (link: HostLink) =>
  new Promise<HostAnswer>((resolve) => link.rpc("https://a.example", "eth_chainId", [], resolve));

async function onFallback() {
  const native = new FakeConnector("native");
  const websocket = new FakeConnector("websocket");
  native.works = false;
  const statuses: string[] = [];
  const link = new HostLink([native, websocket], {
    onHostMessage: () => {},
    onStatus: (status) => statuses.push(status),
    wanted: () => true,
  });
  await link.ensure();
  expect(link.status).toBe("websocket");
  native.works = true;
  const ws = websocket.made[0] as FakeTransport;
  return { link, native, ws, statuses };
}

// Every case runs on a fake clock.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("HostLink: back from the fallback", () => {
  it("an idle check switches to native messaging and closes the WebSocket", async () => {
    const { link, native, ws, statuses } = await onFallback();
    await vi.advanceTimersByTimeAsync(TICK_MS - 1);
    expect(link.status).toBe("websocket");
    await vi.advanceTimersByTimeAsync(1);
    expect(link.status).toBe("native");
    expect(ws.closed).toBe(true);
    expect(native.made).toHaveLength(1);
    expect(statuses).toEqual(["websocket", "native"]);
  });

  it("a check that finds a request in flight switches as soon as it is answered, not a period later", async () => {
    const { link, native, ws } = await onFallback();
    await vi.advanceTimersByTimeAsync(TICK_MS - 10);
    const first = ask(link);
    await vi.advanceTimersByTimeAsync(10);
    // The check came while the request was in flight: nothing tried yet, nothing cut.
    expect(native.made).toHaveLength(0);
    expect(link.status).toBe("websocket");
    ws.answer(0);
    await expect(first).resolves.toEqual({ result: "0x1" } satisfies HostAnswer);
    await vi.advanceTimersByTimeAsync(0);
    expect(link.status).toBe("native");
    expect(ws.closed).toBe(true);
    // The next request goes over native messaging.
    void ask(link);
    expect(native.made[0]?.sent).toHaveLength(1);
    expect(ws.sent).toHaveLength(1);
  });

  it("requests that arrive while native messaging connects finish on the WebSocket before the switch", async () => {
    const { link, native, ws } = await onFallback();
    native.delayMs = 100;
    await vi.advanceTimersByTimeAsync(TICK_MS + 50);
    const during = ask(link);
    await vi.advanceTimersByTimeAsync(50);
    // Connected, but held back: the request in flight belongs to the WebSocket.
    expect(native.made).toHaveLength(1);
    expect(link.status).toBe("websocket");
    expect(ws.closed).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(link.status).toBe("websocket");
    ws.answer(0);
    await expect(during).resolves.toEqual({ result: "0x1" });
    expect(link.status).toBe("native");
    expect(ws.closed).toBe(true);
  });

  it("a busy check whose retry finds native messaging still broken waits for the next check", async () => {
    const { link, native, ws } = await onFallback();
    native.works = false;
    const inFlight = ask(link);
    await vi.advanceTimersByTimeAsync(TICK_MS);
    ws.answer(0);
    await inFlight;
    await vi.advanceTimersByTimeAsync(1000);
    expect(link.status).toBe("websocket");
    native.works = true;
    await vi.advanceTimersByTimeAsync(TICK_MS - 1000 - 1);
    expect(link.status).toBe("websocket");
    await vi.advanceTimersByTimeAsync(1);
    expect(link.status).toBe("native");
  });

  it("the WebSocket lost while a connected native link waits: the waiting request gets 4900 and the held link is closed", async () => {
    const { link, native, ws, statuses } = await onFallback();
    native.delayMs = 100;
    await vi.advanceTimersByTimeAsync(TICK_MS + 50);
    const during = ask(link);
    await vi.advanceTimersByTimeAsync(50);
    const held = native.made[0] as FakeTransport;
    ws.close();
    const answer = await during;
    expect("error" in answer && answer.error.code).toBe(4900);
    expect(held.closed).toBe(true);
    expect(statuses.at(-1)).toBe("disconnected");
    // It comes back by itself (1 s later), over native messaging first.
    await vi.advanceTimersByTimeAsync(1000 + 100);
    expect(link.status).toBe("native");
  });
});

describe("HostLink: connecting", () => {
  it("a connection slower than a request's budget: the request gets 4900 in time, the link is kept when it comes, and no second attempt starts meanwhile", async () => {
    const native = new FakeConnector("native");
    const websocket = new FakeConnector("websocket");
    native.works = false;
    websocket.delayMs = 7000; // Chromium's WebSocket throttle can hold a connection up to 5 s
    const statuses: string[] = [];
    const link = new HostLink([native, websocket], {
      onHostMessage: () => {},
      onStatus: (status) => statuses.push(status),
      wanted: () => true,
    });
    const first = ask(link);
    await vi.advanceTimersByTimeAsync(4500);
    const answer = await first;
    expect("error" in answer && answer.error.code).toBe(4900);
    const second = ask(link);
    await vi.advanceTimersByTimeAsync(2500);
    expect(websocket.made).toHaveLength(1);
    expect(link.status).toBe("websocket");
    expect(statuses).toEqual(["websocket"]);
    // The request that waited on the same attempt goes out on the link it brought.
    const ws = websocket.made[0] as FakeTransport;
    ws.answer(0);
    await expect(second).resolves.toEqual({ result: "0x1" });
  });

  it("an attempt that fails ends with the reasons, and the next request tries again", async () => {
    const native = new FakeConnector("native");
    const websocket = new FakeConnector("websocket");
    native.works = false;
    websocket.works = false;
    const statuses: string[] = [];
    const link = new HostLink([native, websocket], {
      onHostMessage: () => {},
      onStatus: (status, reason) => statuses.push(`${status}: ${reason}`),
      wanted: () => false,
    });
    const answer = await ask(link);
    expect("error" in answer && answer.error.code).toBe(4900);
    expect(statuses).toEqual([
      "disconnected: native: native does not work; websocket: websocket does not work",
    ]);
    websocket.works = true;
    const again = ask(link);
    await vi.advanceTimersByTimeAsync(0);
    expect(link.status).toBe("websocket");
    (websocket.made[0] as FakeTransport).answer(0);
    await expect(again).resolves.toEqual({ result: "0x1" });
  });
});

describe("HostLink: answers", () => {
  it("an answer that comes back inside send (bench/inBrowser's stand-in host) settles its request, once", async () => {
    const native = new FakeConnector("native");
    const link = new HostLink([native], {
      onHostMessage: () => {},
      onStatus: () => {},
      wanted: () => true,
    });
    await link.ensure();
    (native.made[0] as FakeTransport).answerInSend = true;
    const answers: HostAnswer[] = [];
    link.rpc("https://a.example", "eth_chainId", [], (answer) => answers.push(answer));
    link.rpc("https://a.example", "eth_chainId", [], (answer) => answers.push(answer));
    expect(answers).toEqual([{ result: "0x1" }, { result: "0x1" }]);
    // Nothing is left waiting: losing the link now answers no one a second time.
    native.made[0]?.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(answers).toHaveLength(2);
  });

  it("a request the host never answers gets an error at its deadline (a prompt's is longer), and a late answer is ignored", async () => {
    const native = new FakeConnector("native");
    const link = new HostLink([native], { onHostMessage: () => {}, onStatus: () => {}, wanted: () => true });
    await link.ensure();
    const answers: Array<[string, HostAnswer]> = [];
    link.rpc("https://a.example", "eth_getLogs", [], (answer) => answers.push(["read", answer]));
    link.rpc("https://a.example", "personal_sign", [], (answer) => answers.push(["prompt", answer]));
    await vi.advanceTimersByTimeAsync(ANSWER_DEADLINE_MS - 1);
    expect(answers).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(answers).toEqual([
      ["read", { error: { code: -32603, message: "The wallet did not answer in time" } }],
    ]);
    (native.made[0] as FakeTransport).answer(0);
    expect(answers).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(PROMPT_DEADLINE_MS - ANSWER_DEADLINE_MS);
    expect(answers.map(([kind, answer]) => [kind, "error" in answer && answer.error.code])).toEqual([
      ["read", -32603],
      ["prompt", -32603],
    ]);
  });

  it("a request whose frame would be over 1 MiB of UTF-8 is -32600 and never sent; the link stays up", async () => {
    const native = new FakeConnector("native");
    const link = new HostLink([native], { onHostMessage: () => {}, onStatus: () => {}, wanted: () => true });
    await link.ensure();
    const transport = native.made[0] as FakeTransport;
    const answers: HostAnswer[] = [];
    // 400,000 € is 400,000 UTF-16 units but 1,200,000 bytes.
    link.rpc("https://a.example", "eth_call", [{ data: "€".repeat(400_000) }], (answer) =>
      answers.push(answer),
    );
    expect(answers).toEqual([{ error: { code: -32600, message: "Request too large" } }]);
    expect(transport.sent).toEqual([]);
    transport.answerInSend = true;
    link.rpc("https://a.example", "eth_chainId", [], (answer) => answers.push(answer));
    expect(answers[1]).toEqual({ result: "0x1" });
    expect(link.status).toBe("native");
  });
});
