import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExtensionHandler } from "../native-host/src/daemon/ExtensionHandler.js";
import { DaemonHealthSchema } from "../protocol/daemonHealth.js";
import { DEFAULT_TIER_LIMITS } from "../protocol/RateLimiter.js";
import { runHost, runHostOk, type TempDirs, tempDirs } from "./support/host.js";
import { type NativeClient, openNativeClient } from "./support/nativeClient.js";
import { type Harness, RecordingSession, startHarness } from "./support/walletHarness.js";

const noLog = Object.assign(() => undefined, {
  soon: () => undefined,
  rewrite: (task: () => void) => task(),
});

/** The daemon's per-method profile tells refusals apart by reason, and holds no origin. */
describe("the daemon's profile (in-process)", () => {
  let h: Harness;
  let handler: ExtensionHandler;
  let session: RecordingSession;
  let nextId = 1;
  const rpc = (origin: string, method: string, params: unknown[] = []) =>
    handler.onText(
      session,
      JSON.stringify({
        v: 1,
        type: "rpc",
        origin,
        payload: { jsonrpc: "2.0", id: nextId++, method, params },
      }),
    );

  beforeAll(async () => {
    h = await startHarness();
    session = new RecordingSession(7, () => h.wallet);
    session.policy = "hold";
    handler = new ExtensionHandler(
      h.wallet,
      noLog,
      { requests: 0, errors: 0 },
      Date.now(),
      () => new Set([session]),
    );
  });
  afterAll(() => h?.close());

  it("counts a rate limit, a pending duplicate and the rejection brake under their methods", async () => {
    // One more than the origin's signing burst: the last one meets the rate limit.
    const signs = (DEFAULT_TIER_LIMITS.sign?.burst ?? 0) + 1;
    for (let i = 0; i < signs; i++)
      rpc("https://flood.example", "personal_sign", ["0x00", `0x${"11".repeat(20)}`]);
    rpc("https://twice.example", "eth_requestAccounts");
    rpc("https://twice.example", "eth_requestAccounts");
    for (let i = 0; i < 3; i++) h.wallet.approvals.rejections.record("https://braked.example", Date.now());
    rpc("https://braked.example", "eth_requestAccounts");
    rpc("https://any.example", "eth_doesNotExist");
    await expect.poll(() => handler.profile().methods.eth_requestAccounts?.count).toBe(2);
    const profile = DaemonHealthSchema.parse(handler.profile());
    expect(profile.methods.personal_sign).toMatchObject({
      count: signs,
      refused: { rateLimit: 1, pending: 0, rejectionBrake: 0 },
    });
    expect(profile.methods.eth_requestAccounts?.refused).toEqual({
      rateLimit: 0,
      pending: 1,
      rejectionBrake: 1,
    });
    expect(profile.methods["(unknown)"]?.count).toBe(1);
    expect(profile.connections).toEqual({ native: 1, websocket: 0, cli: 0 });
    expect(JSON.stringify(profile)).not.toContain(".example");
  });
});

describe("status reports the daemon's health", () => {
  let dirs: TempDirs;
  let client: NativeClient;
  beforeAll(async () => {
    dirs = tempDirs();
    client = await openNativeClient(dirs);
  }, 30_000);
  afterAll(async () => {
    await client?.close();
    await dirs?.cleanup();
  });

  it("as JSON: uptime, memory, connections by transport, and per method count, p50, p99 and refusals", async () => {
    for (let id = 1; id <= 20; id++)
      client.send({
        v: 1,
        type: "rpc",
        origin: "https://dapp.example",
        payload: { jsonrpc: "2.0", id, method: "net_version" },
      });
    await client.next((m) => m.type === "rpc" && (m.payload as { id?: number }).id === 20);
    const status = JSON.parse((await runHostOk(["status", "--json"], dirs)).stdout);
    const health = DaemonHealthSchema.parse(status.health);
    expect(health.uptimeMs).toBeGreaterThan(0);
    expect(health.memory.rssBytes).toBeGreaterThan(health.memory.heapUsedBytes);
    expect(health.connections.native).toBe(1);
    expect(health.connections.cli).toBeGreaterThanOrEqual(1);
    expect(health.methods.net_version).toMatchObject({
      count: 20,
      refused: { rateLimit: 0, pending: 0, rejectionBrake: 0 },
    });
    expect(health.methods.net_version?.p99Ms).toBeGreaterThanOrEqual(
      health.methods.net_version?.p50Ms ?? Infinity,
    );
    expect(JSON.stringify(status.health)).not.toContain("dapp.example");
  });

  it("readably", async () => {
    const text = (await runHost(["status"], dirs)).stdout;
    expect(text).toMatch(/^uptime: \d+ (s|min), memory \d+ MiB \(heap \d+ MiB\)$/m);
    expect(text).toMatch(/^connections: 1 native, 0 websocket, \d+ cli$/m);
    expect(text).toMatch(/^ {2}method +count +p50 ms +p99 ms +limited +pending +braked$/m);
    expect(text).toMatch(/^ {2}net_version +20 +\d+\.\d\d +\d+\.\d\d +0 +0 +0$/m);
  });
});
