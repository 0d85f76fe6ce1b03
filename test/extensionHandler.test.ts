import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExtensionHandler } from "../native-host/src/daemon/ExtensionHandler.js";
import type { HostToExtension } from "../protocol/messages.js";
import { type Harness, RecordingSession, startHarness } from "./support/walletHarness.js";

const ORIGIN = "https://dapp.example";

/**
 * The host's edge for one connection (native-host/src/daemon/ExtensionHandler.ts), in-process on
 * a real wallet with a real anvil behind its chain: when answers are sent, what is logged, and
 * that a broken answer is survived.
 */
describe("ExtensionHandler", () => {
  let h: Harness;
  let handler: ExtensionHandler;
  /** Lines the handler wrote at once, and lines it queued (log.soon, written shortly after). */
  const lines: Array<Record<string, unknown>> = [];
  const queued: Array<Record<string, unknown>> = [];
  const counters = { requests: 0, errors: 0 };
  let nextId = 1;

  beforeAll(async () => {
    h = await startHarness();
    handler = new ExtensionHandler(
      h.wallet,
      Object.assign((line: Record<string, unknown>) => lines.push(line), {
        soon: (line: Record<string, unknown>) => queued.push(line),
        rewrite: (task: () => void) => task(),
      }),
      counters,
      Date.now(),
      () => new Set(),
    );
  });
  afterAll(async () => {
    await h?.close();
  });

  const rpc = (session: RecordingSession, method: string, params: unknown[] = []) => {
    const id = nextId++;
    handler.onText(
      session,
      JSON.stringify({ v: 1, type: "rpc", origin: ORIGIN, payload: { jsonrpc: "2.0", id, method, params } }),
    );
    return id;
  };
  /** The JSON-RPC answer with `id` that `session` was sent, if any. */
  const answerTo = (session: RecordingSession, id: number) =>
    session.sent
      .flatMap((m) => (m.type === "rpc" || m.type === "ui" ? [m.payload as { id?: unknown }] : []))
      .find((payload) => payload.id === id);

  it("answers a request that needs no I/O before onText returns", () => {
    const session = new RecordingSession(10, () => h.wallet);
    const id = rpc(session, "eth_chainId");
    expect(answerTo(session, id)).toEqual({ jsonrpc: "2.0", id, result: "0x7a69" });

    handler.onText(
      session,
      JSON.stringify({ v: 1, type: "ui", payload: { jsonrpc: "2.0", id: 99, method: "vaughan_status" } }),
    );
    expect(answerTo(session, 99)).toMatchObject({ id: 99, result: { hasVault: true, locked: false } });
  });

  it("answers a request that waits for the chain once it settles", async () => {
    const session = new RecordingSession(11, () => h.wallet);
    const id = rpc(session, "eth_blockNumber");
    expect(answerTo(session, id)).toBeUndefined();
    await expect
      .poll(() => answerTo(session, id))
      .toMatchObject({ id, result: expect.stringMatching(/^0x/) });
  });

  it("counts and logs each request's outcome, sync and async, queued rather than written", async () => {
    const session = new RecordingSession(12, () => h.wallet);
    const before = { ...counters };
    const from = queued.length;
    const fromLines = lines.length;
    rpc(session, "eth_chainId", ["unexpected"]);
    rpc(session, "eth_getBalance", ["not an address", "latest"]);
    rpc(session, "net_version");
    await expect
      .poll(() =>
        queued
          .slice(from)
          .map((l) => `${l.event} ${l.method} ${l.outcome}`)
          .sort(),
      )
      .toEqual(["request eth_chainId -32602", "request eth_getBalance -32602", "request net_version ok"]);
    // A request never waits for a write(2): its line goes to the queue (log.ts), never at once.
    expect(lines.slice(fromLines).filter((l) => l.event === "request")).toEqual([]);
    expect(counters).toEqual({ requests: before.requests + 3, errors: before.errors + 2 });
  });

  it("logs an answer that cannot be sent, and keeps serving the connection", async () => {
    let failures = 1;
    class BrokenOnce extends RecordingSession {
      override send(message: HostToExtension): void {
        if (failures-- > 0) throw new TypeError("Do not know how to serialize a BigInt");
        super.send(message);
      }
    }
    const session = new BrokenOnce(13, () => h.wallet);
    const from = lines.length;
    expect(() => rpc(session, "eth_chainId")).not.toThrow();
    expect(lines.slice(from)).toContainEqual({
      event: "handler-error",
      session: 13,
      message: "TypeError: Do not know how to serialize a BigInt",
    });
    const next = rpc(session, "eth_chainId");
    expect(answerTo(session, next)).toMatchObject({ result: "0x7a69" });

    // The same for an answer that arrives later: logged, never an unhandled rejection.
    failures = 1;
    const late = rpc(session, "eth_blockNumber");
    await expect.poll(() => lines.filter((l) => l.event === "handler-error").length).toBe(2);
    expect(answerTo(session, late)).toBeUndefined();
    const after = rpc(session, "eth_blockNumber");
    await expect.poll(() => answerTo(session, after)).toMatchObject({ result: expect.stringMatching(/^0x/) });
  });
});
