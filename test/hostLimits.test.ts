import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Anvil, startAnvil } from "./support/anvil.js";
import { prepareHome, TEST_ADDRESS_0, TEST_PASSWORD, type TempDirs, tempDirs } from "./support/host.js";
import { type NativeClient, openNativeClient } from "./support/nativeClient.js";

type Payload = { result?: unknown; error?: { code: number } };

/**
 * Layer 2 on its own (docs/security.md tests 9 and T11), as if the background had a bug: frames go
 * straight to the real host program. The host must still rate-limit, keep one pending approval
 * per (origin, kind), and block an origin's prompts after 3 rejections while its reads work.
 */
describe("host limits without the background", () => {
  let dirs: TempDirs;
  let anvil: Anvil;
  let client: NativeClient;
  let nextId = 1;
  const send = (origin: string, method: string, params: unknown[] = []) => {
    const id = nextId++;
    client.send({ v: 1, type: "rpc", origin, payload: { jsonrpc: "2.0", id, method, params } });
    return client
      .next<{ payload: Payload }>((m) => m.type === "rpc" && (m.payload as { id?: unknown })?.id === id)
      .then((m) => m.payload);
  };
  const approval = () => client.next<{ approvalId: string; origin: string }>((m) => m.type === "approval");
  const answer = (approvalId: string, approved: boolean, accounts?: string[]) =>
    client.send({ v: 1, type: "approval-result", approvalId, approved, ...(accounts ? { accounts } : {}) });

  beforeAll(async () => {
    dirs = tempDirs();
    anvil = await startAnvil();
    await prepareHome(dirs, anvil);
    client = await openNativeClient(dirs);
    client.send({
      v: 1,
      type: "ui",
      payload: { jsonrpc: "2.0", id: 0, method: "vaughan_unlock", params: [TEST_PASSWORD] },
    });
    await client.next((m) => m.type === "ui");
  });
  afterAll(async () => {
    await client?.close();
    await anvil?.stop();
    await dirs?.cleanup();
  });

  it("local-state methods spend no budget: 1,000 eth_chainId in a row all answered", async () => {
    for (let i = 0; i < 1000; i++)
      expect((await send("https://reader.example", "eth_chainId")).result).toBe("0x7a69");
  });

  it("reads: a burst of 500 per origin, then -32005; another origin is unaffected", async () => {
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 700 }, () => send("https://reader.example", "eth_blockNumber")),
    );
    // The bucket refills at 100 a second: on a loaded machine, where the 700 take a while to
    // pass, some tokens come back meanwhile.
    const refilled = Math.floor(((performance.now() - started) / 1000) * 100);
    const answered = answers.filter((a) => a.result !== undefined).length;
    expect(answers.slice(0, 500).every((a) => a.result !== undefined)).toBe(true);
    expect(answered).toBeLessThanOrEqual(Math.min(500 + refilled, 699));
    expect(answers.filter((a) => a.error?.code === -32005)).toHaveLength(700 - answered);
    expect((await send("https://other-reader.example", "eth_blockNumber")).result).toBeDefined();
  });

  it("one pending approval per (origin, kind); 3 rejections → prompts 4100 for 60 s, reads still work", async () => {
    const site = "https://spammy.example";
    const connecting = send(site, "eth_requestAccounts");
    const connect = await approval();
    expect(connect.origin).toBe(site);
    answer(connect.approvalId, true, [TEST_ADDRESS_0]);
    expect((await connecting).result).toEqual([TEST_ADDRESS_0]);
    for (let i = 0; i < 3; i++) {
      const first = send(site, "personal_sign", ["0x6869", TEST_ADDRESS_0]);
      const shown = await approval();
      // While it is shown, a second one of the same kind is -32002 at once.
      if (i === 0)
        expect((await send(site, "personal_sign", ["0x6869", TEST_ADDRESS_0])).error?.code).toBe(-32002);
      answer(shown.approvalId, false);
      expect((await first).error?.code).toBe(4001);
    }
    expect((await send(site, "personal_sign", ["0x6869", TEST_ADDRESS_0])).error?.code).toBe(4100);
    expect((await send(site, "eth_requestAccounts")).error?.code).toBe(4100);
    expect((await send(site, "wallet_switchEthereumChain", [{ chainId: "0x1" }])).error?.code).toBe(4100);
    expect((await send(site, "eth_chainId")).result).toBe("0x7a69");
    expect((await send(site, "eth_accounts")).result).toEqual([TEST_ADDRESS_0]);
    expect(client.messages.filter((m) => (m as { type?: string }).type === "approval")).toEqual([]);
  });
});
