import { type Hex, parseEther } from "viem";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HANDLERS } from "../native-host/src/rpc/methodHandlers.js";
import { uiHandler } from "../native-host/src/rpc/uiHandlers.js";
import { Wallet } from "../native-host/src/wallet/Wallet.js";
import { toRpcError } from "../protocol/errors.js";
import { anvilRpc } from "./support/anvil.js";
import { TEST_ADDRESS_0, TEST_PASSWORD } from "./support/host.js";
import { startRpcProxy } from "./support/rpcProxy.js";
import { type Harness, RecordingSession, startHarness } from "./support/walletHarness.js";

const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const OTHER = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
const site = "https://dapp.example";
const q = (n: bigint) => `0x${n.toString(16)}`;

/**
 * The nonce module against a real anvil with automine off: a transaction the node refused or
 * dropped never holds its nonce, so the next send (a single one or an EIP-5792 batch) takes it
 * and mines, also after a restart.
 */
describe("nonces reconciled with the chain", () => {
  let h: Harness;
  const restarted: Wallet[] = [];

  beforeAll(async () => {
    h = await startHarness();
    h.wallet.sites.grant(site, [TEST_ADDRESS_0]);
  });
  afterAll(async () => {
    for (const w of restarted) {
      w.follower.stop();
      w.lock();
    }
    await h?.close();
  });
  beforeEach(async () => {
    h.session.policy = "approve";
    h.session.fee = undefined;
    await anvilRpc(h.anvil.url, "evm_mine");
    await anvilRpc(h.anvil.url, "evm_setAutomine", [false]);
  });

  // Each send a different value: the same nonce, fields and fee would sign to the same hash.
  let value = 0n;
  const send = async (wallet = h.wallet, session = h.session, origin = site) => {
    value += 1n;
    try {
      const hash = await HANDLERS.eth_sendTransaction({ origin, session, wallet }, [
        { from: TEST_ADDRESS_0, to: RECIPIENT, value: q(value) },
      ]);
      return { hash: hash as Hex };
    } catch (error) {
      return { error: toRpcError(error) };
    }
  };
  const sent = async (wallet = h.wallet, session = h.session, origin = site) => {
    const { hash, error } = await send(wallet, session, origin);
    if (!hash) throw new Error(error?.message);
    return hash;
  };
  const chainCount = async (tag: "latest" | "pending") =>
    BigInt((await anvilRpc(h.anvil.url, "eth_getTransactionCount", [TEST_ADDRESS_0, tag])) as Hex);
  const nonceOf = async (hash: string) =>
    BigInt(((await anvilRpc(h.anvil.url, "eth_getTransactionByHash", [hash])) as { nonce: Hex }).nonce);
  const receipt = (hash: string) =>
    anvilRpc(h.anvil.url, "eth_getTransactionReceipt", [hash]) as Promise<{ status: string } | null>;

  it("a send the node refuses leaves its nonce to the next send, which mines with it", async () => {
    const first = await sent();
    const n = await nonceOf(first);
    // A max fee of 1 wei is below anvil's base fee: the node refuses it at broadcast.
    h.session.fee = { custom: { maxFeePerGas: "1", maxPriorityFeePerGas: "1" } };
    const refused = await send();
    expect(refused.error?.code).toBe(-32003);
    expect(refused.error?.message).toMatch(/base fee/);
    h.session.fee = undefined;
    const next = await sent();
    expect(await nonceOf(next)).toBe(n + 1n);
    await anvilRpc(h.anvil.url, "evm_mine");
    expect((await receipt(first))?.status).toBe("0x1");
    expect((await receipt(next))?.status).toBe("0x1");
    expect(await chainCount("latest")).toBe(n + 2n);
  });

  it("a pending transaction dropped from the pool frees its nonce: the next send takes it and mines", async () => {
    const dropped = await sent();
    const n = await nonceOf(dropped);
    await anvilRpc(h.anvil.url, "anvil_dropTransaction", [dropped]);
    expect(await chainCount("pending")).toBe(n);
    const next = await sent();
    expect(await nonceOf(next)).toBe(n);
    await anvilRpc(h.anvil.url, "evm_mine");
    expect((await receipt(next))?.status).toBe("0x1");
    expect(await receipt(dropped)).toBeNull();
    // The activity says the dropped one had no effect, and why.
    await uiHandler("vaughan_activity")(h.wallet, [31337, TEST_ADDRESS_0], h.session);
    const entry = h.wallet.activity.find(31337, TEST_ADDRESS_0, dropped);
    expect(entry?.status).toBe("failed");
    expect(entry?.error).toMatch(/dropped/);
  });

  it("a drop that takes the transactions queued after it along frees all their nonces, in order", async () => {
    const a = await sent();
    const b = await sent();
    const n = await nonceOf(a);
    expect(await nonceOf(b)).toBe(n + 1n);
    await anvilRpc(h.anvil.url, "anvil_dropTransaction", [a]);
    // anvil drops what depends on the dropped one too; a node that kept b would leave n + 1
    // held, and the next send would fill the gap at n alone (firstFreeNonce's unit test).
    expect(await anvilRpc(h.anvil.url, "eth_getTransactionByHash", [b])).toBeNull();
    const filler = await sent();
    const after = await sent();
    expect([await nonceOf(filler), await nonceOf(after)]).toEqual([n, n + 1n]);
    await anvilRpc(h.anvil.url, "evm_mine");
    for (const hash of [filler, after]) expect((await receipt(hash))?.status).toBe("0x1");
  });

  it("an EIP-5792 batch after a drop takes the freed nonce and the next, and reaches 200", async () => {
    const dropped = await sent();
    const n = await nonceOf(dropped);
    await anvilRpc(h.anvil.url, "anvil_dropTransaction", [dropped]);
    const { result, error } = await h.call(site, "wallet_sendCalls", [
      {
        version: "2.0.0",
        chainId: "0x7a69",
        atomicRequired: false,
        calls: [
          { to: RECIPIENT, value: q(parseEther("0.001")) },
          { to: OTHER, value: q(parseEther("0.002")) },
        ],
      },
    ]);
    expect(error).toBeUndefined();
    const id = (result as { id: string }).id;
    const stored = h.wallet.calls.store.find(site, id);
    expect(stored?.calls.map((c) => c.nonce)).toEqual([Number(n), Number(n) + 1]);
    await anvilRpc(h.anvil.url, "evm_mine");
    const status = (await h.call(site, "wallet_getCallsStatus", [id])).result as { status: number };
    expect(status.status).toBe(200);
  });

  it("after a restart, a dropped nonce is free and a pending one is still held", async () => {
    const kept = await sent();
    const dropped = await sent();
    const n = await nonceOf(kept);
    expect(await nonceOf(dropped)).toBe(n + 1n);
    await anvilRpc(h.anvil.url, "anvil_dropTransaction", [dropped]);
    // A new daemon on the same data folder: nothing of the old one's memory carries over.
    const next = new Wallet(h.home);
    restarted.push(next);
    await next.unlock(TEST_PASSWORD);
    const session = new RecordingSession(2, () => next);
    const after = await sent(next, session);
    expect(await nonceOf(after)).toBe(n + 1n);
    await anvilRpc(h.anvil.url, "evm_mine");
    for (const hash of [kept, after]) expect((await receipt(hash))?.status).toBe("0x1");
  });

  it("concurrent sends under the lock get distinct consecutive nonces, around a refused one", async () => {
    const base = await chainCount("pending");
    // A second browser session whose person set a fee the node refuses, beside two that send.
    const refusing = new RecordingSession(3, () => h.wallet);
    refusing.fee = { custom: { maxFeePerGas: "1", maxPriorityFeePerGas: "1" } };
    // Three sites, so no one waits on another's pending approval (one per origin and kind).
    for (const origin of ["https://b.example", "https://c.example"])
      h.wallet.sites.grant(origin, [TEST_ADDRESS_0]);
    const [one, refused, two] = await Promise.all([
      sent(),
      send(h.wallet, refusing, "https://b.example"),
      sent(h.wallet, h.session, "https://c.example"),
    ]);
    expect(refused.error?.code).toBe(-32003);
    const results = [one, two];
    const nonces = (await Promise.all(results.map(nonceOf))).sort((a, b) => (a < b ? -1 : 1));
    expect(nonces).toEqual([base, base + 1n]);
    await anvilRpc(h.anvil.url, "evm_mine");
    for (const hash of results) expect((await receipt(hash))?.status).toBe("0x1");
  });

  it("a node that counts pending transactions late: ours above its count still hold their nonces, also after a restart", async () => {
    // Some providers answer `pending` as `latest`: the count says nothing of the pool.
    const proxy = await startRpcProxy(h.anvil.url, [], [], (method, params) =>
      method === "eth_getTransactionCount" ? [params[0], "latest"] : params,
    );
    const chain = h.wallet.chains.get(31337);
    if (!chain) throw new Error("no anvil chain");
    const onProxy = (wallet: Wallet) => wallet.chains.upsert({ ...chain, rpcUrls: [proxy.url] });
    try {
      onProxy(h.wallet);
      const a = await sent();
      const b = await sent();
      const n = await nonceOf(a);
      expect(await nonceOf(b)).toBe(n + 1n);
      expect(await chainCount("latest")).toBe(n);
      // A new daemon: the activity's pending entries, still known by hash, hold n and n + 1.
      const next = new Wallet(h.home);
      restarted.push(next);
      onProxy(next);
      await next.unlock(TEST_PASSWORD);
      const session = new RecordingSession(4, () => next);
      const c = await sent(next, session);
      expect(await nonceOf(c)).toBe(n + 2n);
      // Dropped, c no longer holds its nonce, even though the node's count never showed it.
      await anvilRpc(h.anvil.url, "anvil_dropTransaction", [c]);
      const d = await sent(next, session);
      expect(await nonceOf(d)).toBe(n + 2n);
      await anvilRpc(h.anvil.url, "evm_mine");
      for (const hash of [a, b, d]) expect((await receipt(hash))?.status).toBe("0x1");
    } finally {
      h.wallet.chains.upsert(chain);
      await proxy.close();
    }
  });
});
