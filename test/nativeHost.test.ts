import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_EXTENSION_ID } from "../protocol/extensionId.js";
import { type Anvil, anvilRpc, startAnvil } from "./support/anvil.js";
import { prepareHome, runHost, type TempDirs, tempDirs } from "./support/host.js";
import { NativeClient, openNativeClient } from "./support/nativeClient.js";

/**
 * The host program as a browser sees it: real native-messaging frames on stdin/stdout, the
 * relay starting the real daemon, a real anvil chain behind it.
 */
describe("native host (relay + daemon)", () => {
  let dirs: TempDirs;
  let anvil: Anvil;
  let client: NativeClient;
  const origin = "http://127.0.0.1:5555";
  let nextId = 1;
  const rpc = (method: string, params?: unknown) => {
    const id = nextId++;
    client.send({
      v: 1,
      type: "rpc",
      origin,
      payload: { jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) },
    });
    return client.next<{ payload: { result?: unknown; error?: { code: number } } }>(
      (m) => m.type === "rpc" && (m.payload as { id?: unknown })?.id === id,
    );
  };
  const rawRpc = (payload: unknown) => {
    client.send({ v: 1, type: "rpc", origin, payload });
    return client.next<{ payload: unknown }>((m) => m.type === "rpc");
  };

  beforeAll(async () => {
    dirs = tempDirs();
    anvil = await startAnvil();
    await prepareHome(dirs, anvil, { vault: false });
    const before = JSON.parse((await runHost(["status", "--json"], dirs)).stdout);
    expect(before.running).toBe(false);
    client = await openNativeClient(dirs);
  });

  afterAll(async () => {
    await client?.close();
    await anvil?.stop();
    await dirs?.cleanup();
  });

  it("was started by the relay: a daemon runs in its own process", async () => {
    const status = JSON.parse((await runHost(["status", "--json"], dirs)).stdout);
    expect(status.running).toBe(true);
    expect(status.pid).toBeTypeOf("number");
    expect(status.pid).not.toBe(client.child.pid);
  });

  it("answers eth_chainId, net_version and eth_accounts for an unconnected site", async () => {
    expect((await rpc("eth_chainId")).payload.result).toBe("0x7a69");
    expect((await rpc("net_version")).payload.result).toBe("31337");
    expect((await rpc("eth_accounts")).payload.result).toEqual([]);
  });

  it("forwards eth_blockNumber to the default chain", async () => {
    await anvilRpc(anvil.url, "anvil_mine", ["0x3"]);
    expect((await rpc("eth_blockNumber")).payload.result).toBe("0x3");
  });

  it("refuses eth_sign and unknown methods with their codes", async () => {
    expect(
      (await rpc("eth_sign", ["0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", "0x00"])).payload.error?.code,
    ).toBe(4200);
    expect((await rpc("eth_doesNotExist")).payload.error?.code).toBe(-32601);
  });

  it("answers malformed JSON-RPC exactly as JSON-RPC 2.0 says (docs/security.md test 11)", async () => {
    expect((await rawRpc("{")).payload).toEqual({
      jsonrpc: "2.0",
      id: null,
      error: { code: -32700, message: "Parse error" },
    });
    expect((await rawRpc([])).payload).toMatchObject({ id: null, error: { code: -32600 } });
    const ones = (await rawRpc([1])).payload as Array<{ error: { code: number } }>;
    expect(ones.map((r) => r.error.code)).toEqual([-32600]);
    // A notification gets no answer: the next answer is for the request after it.
    client.send({ v: 1, type: "rpc", origin, payload: { jsonrpc: "2.0", method: "eth_chainId" } });
    expect((await rpc("net_version")).payload.result).toBe("31337");
    const batch = (
      await rawRpc([
        { jsonrpc: "2.0", id: "a", method: "eth_chainId" },
        { jsonrpc: "2.0", id: "b", method: "nope" },
      ])
    ).payload as Array<{ id: string; result?: string; error?: { code: number } }>;
    expect(batch).toEqual([
      { jsonrpc: "2.0", id: "a", result: "0x7a69" },
      expect.objectContaining({ id: "b", error: expect.objectContaining({ code: -32601 }) }),
    ]);
    expect(
      (
        await rawRpc([
          { jsonrpc: "2.0", id: 1, method: "personal_sign", params: ["0x00", `0x${"00".repeat(20)}`] },
        ])
      ).payload,
    ).toMatchObject({
      error: { code: -32600 },
    });
    expect((await rpc("eth_getBalance", ["0x0400"])).payload.error?.code).toBe(-32602);
    expect((await rpc("eth_chainId", { unknown: 1 })).payload.error?.code).toBe(-32602);
  });

  it("survives bad frames: invalid JSON, invalid UTF-8, wrong envelopes, deep nesting", async () => {
    client.send("{not json");
    expect(await client.next((m) => m.type === "error")).toMatchObject({ error: { code: -32700 } });
    client.writeRaw(Buffer.concat([Buffer.from([3, 0, 0, 0]), Buffer.from([0xff, 0xfe, 0xfd])]));
    expect(await client.next((m) => m.type === "error")).toMatchObject({ error: { code: -32700 } });
    client.send({ v: 1, type: "rpc", origin, payload: {}, extra: true });
    expect(await client.next((m) => m.type === "error")).toMatchObject({ error: { code: -32600 } });
    client.send(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(await client.next((m) => m.type === "error")).toMatchObject({ error: { code: -32600 } });
    expect((await rpc("eth_chainId")).payload.result).toBe("0x7a69");
    expect(client.stdoutGarbage).toBe(0);
  });

  it("answers health with uptime, sessions and counters", async () => {
    client.send({ v: 1, type: "health" });
    const health = await client.next<{ data: Record<string, number> }>((m) => m.type === "health");
    expect(health.data.uptimeMs).toBeGreaterThan(0);
    expect(health.data.sessions).toBeGreaterThanOrEqual(1);
    expect(health.data.requests).toBeGreaterThan(0);
  });

  it("hands the extension its WebSocket credential when it says its own origin", async () => {
    client.send({
      v: 1,
      type: "hello",
      role: "extension",
      extension: "test",
      browser: "chromium",
      origin: `chrome-extension://${DEV_EXTENSION_ID}`,
    });
    const { credential } = await client.next<{ credential: string }>((m) => m.type === "credential");
    expect(credential).toMatch(/^[0-9a-f]{64}$/);
    // Claiming another extension's origin gets nothing.
    client.send({
      v: 1,
      type: "hello",
      role: "extension",
      extension: "test",
      browser: "chromium",
      origin: `chrome-extension://${"c".repeat(32)}`,
    });
    expect((await rpc("eth_chainId")).payload.result).toBe("0x7a69");
    expect(client.messages.filter((m) => (m as { type?: string }).type === "credential")).toEqual([]);
  });

  it("gives an opaque or non-web origin no service", async () => {
    client.send({
      v: 1,
      type: "rpc",
      origin: "null",
      payload: { jsonrpc: "2.0", id: 900, method: "eth_chainId" },
    });
    expect(await client.next((m) => (m.payload as { id?: number })?.id === 900)).toMatchObject({
      payload: { error: { code: 4100 } },
    });
  });

  it("rejects a 0xFFFFFFFF length prefix without allocating, and the daemon keeps serving", async () => {
    const second = await openNativeClient(dirs);
    second.writeRaw(Buffer.from([0xff, 0xff, 0xff, 0xff]));
    const code = await new Promise<number | null>((resolve) => second.child.once("exit", resolve));
    expect(code).toBe(1);
    expect(second.stderr).toContain("inbound frame declares 4294967295 bytes, over the 1048576 limit");
    expect((await rpc("eth_chainId")).payload.result).toBe("0x7a69");
  });

  it("refuses to relay for an extension id it does not know", async () => {
    const stranger = new NativeClient([`chrome-extension://${"b".repeat(32)}/`], {
      VAUGHAN_HOME: dirs.home,
      HOME: dirs.fakeHome,
    });
    const code = await new Promise<number | null>((resolve) => stranger.child.once("exit", resolve));
    expect(code).toBe(1);
    expect(stranger.messages).toEqual([]);
    expect(stranger.stderr).toContain("is not allowed");
  });
});
