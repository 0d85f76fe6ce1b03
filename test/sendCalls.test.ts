import { type Address, type Hex, parseEther } from "viem";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { uiHandler } from "../native-host/src/rpc/uiHandlers.js";
import { Wallet } from "../native-host/src/wallet/Wallet.js";
import { anvilRpc } from "./support/anvil.js";
import {
  compileFixtures,
  type DeployedFixtures,
  deployFixtures,
  fixtureCalldata,
  mint,
} from "./support/contracts.js";
import { TEST_ADDRESS_0, TEST_PASSWORD } from "./support/host.js";
import { type Harness, startHarness } from "./support/walletHarness.js";

const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const OTHER = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
const q = (n: bigint) => `0x${n.toString(16)}`;

/** EIP-5792 against a real anvil and the real fixture contracts, through the host's handlers in-process. */
describe("EIP-5792 call batches", () => {
  let h: Harness;
  let fx: DeployedFixtures;
  const site = "https://dapp.example";
  const other = "https://other.example";

  beforeAll(async () => {
    h = await startHarness();
    fx = await deployFixtures(h.anvil.url);
    h.wallet.sites.grant(site, [TEST_ADDRESS_0]);
    h.wallet.sites.grant(other, [TEST_ADDRESS_0]);
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    h.session.policy = "approve";
  });

  const balance = async (address: string) =>
    BigInt((await anvilRpc(h.anvil.url, "eth_getBalance", [address, "latest"])) as Hex);
  const tokenBalance = async (address: string) =>
    BigInt(
      (await anvilRpc(h.anvil.url, "eth_call", [
        { to: fx.token, data: await fixtureCalldata("FixtureToken", "balanceOf", [address]) },
        "latest",
      ])) as Hex,
    );
  const nonce = async () =>
    BigInt((await anvilRpc(h.anvil.url, "eth_getTransactionCount", [TEST_ADDRESS_0, "latest"])) as Hex);
  const send = (params: Record<string, unknown>, origin = site) =>
    h.call(origin, "wallet_sendCalls", [
      { version: "2.0.0", chainId: "0x7a69", atomicRequired: false, ...params },
    ]);
  const status = async (id: string, origin = site) =>
    (await h.call(origin, "wallet_getCallsStatus", [id])) as {
      result?: {
        status: number;
        receipts: Array<{ status: string; transactionHash: string; logs: unknown[] }>;
      };
      error?: { code: number; message: string };
    };
  const sendCallsAsked = () => h.session.approvals().filter((a) => a.kind === "send-calls").length;

  it("reports atomic as unsupported per chain, keyed by hex chain id, only to a permitted address", async () => {
    const all = (await h.call(site, "wallet_getCapabilities", [TEST_ADDRESS_0])).result as Record<
      string,
      unknown
    >;
    const configured = h.wallet.chains.list().map((c) => `0x${c.chainId.toString(16)}`);
    expect(Object.keys(all).sort()).toEqual(configured.sort());
    for (const key of configured) expect(all[key]).toEqual({ atomic: { status: "unsupported" } });
    // Chains asked for that the wallet does not have are left out, never an error.
    expect(await h.call(site, "wallet_getCapabilities", [TEST_ADDRESS_0, ["0x7a69", "0x539"]])).toEqual({
      result: { "0x7a69": { atomic: { status: "unsupported" } } },
    });
    expect((await h.call(site, "wallet_getCapabilities", [RECIPIENT])).error?.code).toBe(4100);
    expect(
      (await h.call("https://stranger.example", "wallet_getCapabilities", [TEST_ADDRESS_0])).error?.code,
    ).toBe(4100);
    expect((await h.call(site, "wallet_getCapabilities", [TEST_ADDRESS_0, ["0x01"]])).error?.code).toBe(
      -32602,
    );
  });

  it("sends two ETH transfers after one approval, in order with consecutive nonces, and reaches 200", async () => {
    const before = [await balance(RECIPIENT), await balance(OTHER)];
    const asked = sendCallsAsked();
    const first = await nonce();
    const sent = await send({
      calls: [
        { to: RECIPIENT, value: q(parseEther("0.001")) },
        { to: OTHER, value: q(parseEther("0.002")) },
      ],
    });
    const id = (sent.result as { id: string }).id;
    expect(id).toMatch(/^0x[0-9a-f]{64}$/);
    expect(sendCallsAsked()).toBe(asked + 1);
    const approval = h.session.approvals().at(-1);
    const details = approval?.details as { calls: Array<{ to: { address: string } }>; summary: string };
    expect(details.calls.map((c) => c.to.address)).toEqual([RECIPIENT, OTHER]);
    const result = (await status(id)).result;
    expect(result).toMatchObject({ version: "2.0.0", id, chainId: "0x7a69", atomic: false, status: 200 });
    expect(result?.receipts.map((r) => r.status)).toEqual(["0x1", "0x1"]);
    expect([await balance(RECIPIENT), await balance(OTHER)]).toEqual([
      (before[0] as bigint) + parseEther("0.001"),
      (before[1] as bigint) + parseEther("0.002"),
    ]);
    const hashes = result?.receipts.map((r) => r.transactionHash) ?? [];
    const nonces = await Promise.all(
      hashes.map(async (hash) =>
        BigInt(((await anvilRpc(h.anvil.url, "eth_getTransactionByHash", [hash])) as { nonce: Hex }).nonce),
      ),
    );
    expect(nonces).toEqual([first, first + 1n]);
  });

  it("lists each sent call in the activity as eth_sendTransaction does, naming its batch, followed to confirmed", async () => {
    await anvilRpc(h.anvil.url, "evm_setAutomine", [false]);
    let hashes: string[];
    let id: string;
    try {
      const sent = await send({
        calls: [
          { to: RECIPIENT, value: q(parseEther("0.001")) },
          { to: OTHER, value: q(parseEther("0.002")) },
        ],
      });
      id = (sent.result as { id: string }).id;
      const stored = h.wallet.calls.store.find(site, id);
      hashes = stored?.calls.map((c) => c.hash ?? "") ?? [];
      expect(hashes).toEqual([
        expect.stringMatching(/^0x[0-9a-f]{64}$/),
        expect.stringMatching(/^0x[0-9a-f]{64}$/),
      ]);
      // Nothing mined yet: both listed pending, newest first, as the popup gets them.
      const listed = (await uiHandler("vaughan_activity")(
        h.wallet,
        [31337, TEST_ADDRESS_0],
        h.session,
      )) as Array<{
        id: string;
      }>;
      expect(listed.slice(0, 2).map((e) => e.id)).toEqual([hashes[1], hashes[0]]);
    } finally {
      await anvilRpc(h.anvil.url, "evm_setAutomine", [true]);
    }
    const entry = (hash: string) => h.wallet.activity.find(31337, TEST_ADDRESS_0, hash);
    const [first, second] = hashes as [string, string];
    expect(entry(first)).toMatchObject({
      kind: "transaction",
      status: "pending",
      origin: site,
      hash: first,
      summary: expect.stringMatching(/^Send 0\.001 ETH to 0x7099…79c8$/i),
      tx: { to: RECIPIENT, value: parseEther("0.001").toString() },
      batch: { id, index: 0, calls: 2 },
    });
    expect(entry(second)).toMatchObject({
      status: "pending",
      summary: expect.stringMatching(/^Send 0\.002 ETH to 0x3c44…93bc$/i),
      tx: { to: OTHER },
      batch: { id, index: 1, calls: 2 },
    });
    expect((entry(second)?.nonce ?? 0) - (entry(first)?.nonce ?? 0)).toBe(1);
    // Mined by the next block; the follower, not a read of the list, settles both.
    await anvilRpc(h.anvil.url, "evm_mine");
    const statuses = () => [entry(first)?.status, entry(second)?.status];
    await expect.poll(statuses, { timeout: 20_000, interval: 200 }).toEqual(["confirmed", "confirmed"]);
    expect(entry(first)?.feeWei).toMatch(/^[1-9]\d*$/);
  });

  it("lists a call the node refuses as failed, with why and its batch; the calls after it are never sent", async () => {
    const before = await nonce();
    // A max fee of 1 wei, chosen in the window: below any base fee, refused at broadcast.
    h.session.fee = { custom: { maxFeePerGas: "1", maxPriorityFeePerGas: "1" } };
    let id: string;
    try {
      const sent = await send({
        calls: [
          { to: RECIPIENT, value: "0x8" },
          { to: OTHER, value: "0x9" },
        ],
      });
      id = (sent.result as { id: string }).id;
    } finally {
      h.session.fee = undefined;
    }
    const entries = h.wallet.activity.list(31337, TEST_ADDRESS_0).filter((e) => e.batch?.id === id);
    expect(entries).toEqual([
      expect.objectContaining({
        kind: "transaction",
        status: "failed",
        origin: site,
        batch: { id, index: 0, calls: 2 },
        error: expect.stringMatching(/base fee/),
      }),
    ]);
    expect(entries[0]?.hash).toBeUndefined();
    expect((await status(id)).result?.status).toBe(400);
    expect(await nonce()).toBe(before);
  });

  it("names a batch in its entries only by an id short enough to keep", async () => {
    const long = `0x${"5b".repeat(100)}`;
    await send({ id: long, calls: [{ to: RECIPIENT, value: "0x7" }] });
    const hash = h.wallet.calls.store.find(site, long)?.calls[0]?.hash as string;
    expect(h.wallet.activity.find(31337, TEST_ADDRESS_0, hash)?.batch).toEqual({ index: 0, calls: 1 });
  });

  it("runs approve then transferFrom on the fixture ERC-20 (the second needs the first)", async () => {
    await mint(h.anvil.url, "FixtureToken", fx.token, [TEST_ADDRESS_0, 1000n]);
    const before = await tokenBalance(RECIPIENT);
    const sent = await send({
      calls: [
        { to: fx.token, data: await fixtureCalldata("FixtureToken", "approve", [TEST_ADDRESS_0, 300n]) },
        {
          to: fx.token,
          data: await fixtureCalldata("FixtureToken", "transferFrom", [TEST_ADDRESS_0, RECIPIENT, 300n]),
        },
      ],
    });
    const result = (await status((sent.result as { id: string }).id)).result;
    expect(result?.status).toBe(200);
    expect(result?.receipts).toHaveLength(2);
    expect(result?.receipts.every((r) => r.logs.length > 0)).toBe(true);
    expect(await tokenBalance(RECIPIENT)).toBe(before + 300n);
    // The one window listed each call decoded, as the chain says the target is an ERC-20.
    const shown = h.session.approvals().at(-1) as { details: { calls: Array<{ call?: unknown }> } };
    expect(shown.details.calls.map((c) => c.call)).toMatchObject([
      { signature: "approve(address,uint256)", standard: "erc20" },
      { signature: "transferFrom(address,address,uint256)", standard: "erc20" },
    ]);
  });

  it("gives 600 when the second call reverts after the first landed, 500 when every call reverts", async () => {
    const fail = await fixtureCalldata("Reverter", "fail", []);
    const succeed = await fixtureCalldata("Reverter", "succeed", []);
    const partly = await send({
      calls: [
        { to: fx.reverter, data: succeed },
        { to: fx.reverter, data: fail },
      ],
    });
    const partial = (await status((partly.result as { id: string }).id)).result;
    expect(partial?.status).toBe(600);
    expect(partial?.receipts.map((r) => r.status)).toEqual(["0x1", "0x0"]);
    const wholly = await send({ calls: [{ to: fx.reverter, data: fail }] });
    const reverted = (await status((wholly.result as { id: string }).id)).result;
    expect(reverted?.status).toBe(500);
    expect(reverted?.receipts.map((r) => r.status)).toEqual(["0x0"]);
  });

  it("lists every call in one window and simulates the batch in one block (a later revert shows there)", async () => {
    h.session.policy = "hold";
    const fail = await fixtureCalldata("Reverter", "fail", []);
    const succeed = await fixtureCalldata("Reverter", "succeed", []);
    const pending = send({
      calls: [
        { to: fx.reverter, data: succeed, value: "0x0" },
        { to: fx.reverter, data: fail },
      ],
    });
    const asked = () => h.session.approvals().at(-1);
    const updateOf = () =>
      h.session.sent.find((m) => m.type === "approval-update" && m.approvalId === asked()?.approvalId);
    await expect.poll(() => asked()?.kind === "send-calls" && updateOf() !== undefined).toBe(true);
    const approval = asked();
    const update = updateOf();
    expect(approval?.kind).toBe("send-calls");
    const details = approval?.details as {
      calls: unknown[];
      fees: { gas: string };
      simulation: { status: string };
    };
    expect(details.calls).toHaveLength(2);
    expect(details.simulation.status).toBe("pending");
    expect(BigInt(details.fees.gas)).toBeGreaterThan(42_000n);
    expect(update).toMatchObject({ update: { simulation: { status: "reverts" } } });
    h.wallet.approvals.answer(h.session, approval?.approvalId as string, false);
    expect((await pending).error?.code).toBe(4001);
  });

  it("deploys a contract from a call without `to`", async () => {
    const { Reverter } = await compileFixtures();
    const sent = await send({ calls: [{ data: Reverter.bytecode }] });
    const result = (await status((sent.result as { id: string }).id)).result;
    expect(result?.status).toBe(200);
    const receipt = (await anvilRpc(h.anvil.url, "eth_getTransactionReceipt", [
      result?.receipts[0]?.transactionHash,
    ])) as { contractAddress: Address | null };
    expect(receipt.contractAddress).toMatch(/^0x[0-9a-f]{40}$/);
  });

  it("refuses before any window: atomicRequired 5760, capabilities 5700, chain 5710, size 5740, version, sender", async () => {
    const asked = sendCallsAsked();
    const before = await nonce();
    const calls = [{ to: RECIPIENT, value: "0x1" }];
    expect((await send({ calls, atomicRequired: true })).error).toEqual({
      code: 5760,
      message: "Atomicity not supported",
    });
    expect(
      (await send({ calls, capabilities: { paymasterService: { url: "https://pm.example" } } })).error,
    ).toMatchObject({
      code: 5700,
      message: "Unsupported non-optional capability",
    });
    expect(
      (await send({ calls: [{ ...calls[0], capabilities: { sessionKeys: { optional: false } } }] })).error
        ?.code,
    ).toBe(5700);
    expect((await send({ calls, chainId: "0x1" })).error).toEqual({
      code: 5710,
      message: "Unsupported chain id",
    });
    expect((await send({ calls: Array.from({ length: 11 }, () => calls[0]) })).error).toMatchObject({
      code: 5740,
      message: "Bundle too large",
    });
    expect((await send({ calls, version: "1.0" })).error?.code).toBe(-32602);
    expect((await send({ calls, from: RECIPIENT })).error?.code).toBe(4100);
    expect((await send({ calls, chainId: "0x07a69" })).error?.code).toBe(-32602);
    expect((await send({ calls: [{ value: "0x1" }] })).error?.code).toBe(-32602);
    expect((await send({ calls, extra: 1 })).error?.code).toBe(-32602);
    expect((await send({ calls: [] })).error?.code).toBe(-32602);
    expect((await send({ calls }, "https://stranger.example")).error?.code).toBe(4100);
    expect(sendCallsAsked()).toBe(asked);
    expect(await nonce()).toBe(before);
  });

  it("takes an optional capability it does not support, and a dApp's own id once (5720 after)", async () => {
    const calls = [{ to: RECIPIENT, value: "0x1" }];
    const id = "0x5792000000000000000000000000000000000000000000000000000000000001";
    expect(
      await send({
        id,
        calls,
        capabilities: { paymasterService: { url: "https://pm.example", optional: true } },
      }),
    ).toEqual({
      result: { id },
    });
    expect((await send({ id, calls })).error).toEqual({ code: 5720, message: "Duplicate ID" });
    expect((await send({ id: id.toUpperCase().replace("0X", "0x"), calls })).error?.code).toBe(5720);
    expect((await status(id)).result?.status).toBe(200);
  });

  it("sends nothing when the person rejects (4001), and the id stays free", async () => {
    h.session.policy = "reject";
    const before = await nonce();
    const id = "0x5792000000000000000000000000000000000000000000000000000000000002";
    expect((await send({ id, calls: [{ to: RECIPIENT, value: "0x1" }] })).error?.code).toBe(4001);
    expect(await nonce()).toBe(before);
    expect((await status(id)).error).toEqual({ code: 5730, message: "Unknown bundle id" });
    h.session.policy = "approve";
    expect(await send({ id, calls: [{ to: RECIPIENT, value: "0x1" }] })).toEqual({ result: { id } });
  });

  it("shows a site only its own batches (5730 for another's or an unknown id)", async () => {
    const sent = await send({ calls: [{ to: RECIPIENT, value: "0x1" }] });
    const id = (sent.result as { id: string }).id;
    expect((await status(id, other)).error?.code).toBe(5730);
    expect((await h.call(other, "wallet_showCallsStatus", [id])).error?.code).toBe(5730);
    expect(await h.call(site, "wallet_showCallsStatus", [id])).toEqual({ result: null });
    expect((await status(`0x${"ab".repeat(32)}`)).error?.code).toBe(5730);
    expect((await h.call(site, "wallet_getCallsStatus", ["not-an-id"])).error?.code).toBe(-32602);
  });

  it("keeps batches across a restart: a new host on the same data folder answers with the receipts", async () => {
    const sent = await send({
      calls: [
        { to: RECIPIENT, value: "0x2" },
        { to: OTHER, value: "0x3" },
      ],
    });
    const id = (sent.result as { id: string }).id;
    const before = (await status(id)).result;
    const restarted = new Wallet(h.home);
    await restarted.unlock(TEST_PASSWORD);
    try {
      const after = await restarted.calls.status(site, id, (chainId) => restarted.chains.get(chainId));
      expect(after).toEqual(before);
      await expect(restarted.calls.status(other, id, (c) => restarted.chains.get(c))).rejects.toMatchObject({
        code: 5730,
      });
    } finally {
      restarted.lock();
    }
  });

  it("stays at 100 while a call waits, and marks a dropped call failed after the deadline (400)", async () => {
    await anvilRpc(h.anvil.url, "evm_setAutomine", [false]);
    try {
      const sent = await send({ calls: [{ to: RECIPIENT, value: "0x5" }] });
      const id = (sent.result as { id: string }).id;
      expect((await status(id)).result?.status).toBe(100);
      await anvilRpc(h.anvil.url, "anvil_dropAllTransactions", []);
      // Within the deadline a transaction the node forgot may still come back: still pending.
      expect((await status(id)).result?.status).toBe(100);
      h.wallet.calls.dropAfterMs = 0;
      expect((await status(id)).result).toMatchObject({ status: 400, receipts: [] });
    } finally {
      h.wallet.calls.dropAfterMs = 30 * 60_000;
      await anvilRpc(h.anvil.url, "evm_setAutomine", [true]);
    }
  });
});
