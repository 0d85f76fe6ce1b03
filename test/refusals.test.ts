import type { Hex } from "viem";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { replaceTransaction } from "../native-host/src/activity/replaceTransaction.js";
import { walletSend } from "../native-host/src/wallet/walletSend.js";
import { WALLET_ORIGIN } from "../protocol/walletOrigin.js";
import { anvilRpc } from "./support/anvil.js";
import { TEST_ADDRESS_0 } from "./support/host.js";
import { type Harness, startHarness } from "./support/walletHarness.js";

const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const site = "https://dapp.example";

/**
 * What happens after a person approves and the node refuses the transaction, on a real anvil:
 * the wallet's own flows list it as failed with what happened and what to do, a site gets the
 * node's own error, and the nonce stays free.
 */
describe("a transaction the node refuses after approval", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    h.wallet.sites.grant(site, [TEST_ADDRESS_0]);
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    h.session.policy = "approve";
    h.session.fee = undefined;
    await anvilRpc(h.anvil.url, "evm_setAutomine", [false]);
  });

  const list = () => h.wallet.activity.list(31337, TEST_ADDRESS_0);

  it("a speed-up whose fee the person lowered below the node's bump is listed as not sent, with why", async () => {
    const sent = await h.call(site, "eth_sendTransaction", [
      { from: TEST_ADDRESS_0, to: RECIPIENT, value: "0x7" },
    ]);
    const hash = sent.result as Hex;
    const original = (await anvilRpc(h.anvil.url, "eth_getTransactionByHash", [hash])) as {
      maxFeePerGas: Hex;
      maxPriorityFeePerGas: Hex;
      nonce: Hex;
    };
    // The person edits the fee in the window to 90% of the original's: short of the bump (geth
    // wants 10% more, anvil less; no node takes less than the original).
    const lowered = (fee: Hex) => ((BigInt(fee) * 90n) / 100n).toString();
    h.session.fee = {
      custom: {
        maxFeePerGas: lowered(original.maxFeePerGas),
        maxPriorityFeePerGas: lowered(original.maxPriorityFeePerGas),
      },
    };
    await replaceTransaction(h.wallet, h.session, 31337, hash, "speed-up");
    await expect.poll(() => list()[0]?.error, { timeout: 10_000 }).toMatch(/at least 10% more/);
    expect(list()[0]).toMatchObject({
      status: "failed",
      origin: WALLET_ORIGIN,
      purpose: "speed-up",
      replaces: hash,
      nonce: Number(original.nonce),
    });
    expect(list()[0]?.hash).toBeUndefined();
    expect(h.wallet.activity.find(31337, TEST_ADDRESS_0, hash)?.status).toBe("pending");
    // With the fee the wallet suggests, the next speed-up goes through and mines in its place.
    h.session.fee = undefined;
    await replaceTransaction(h.wallet, h.session, 31337, hash, "speed-up");
    await expect.poll(() => list()[0]?.hash, { timeout: 10_000 }).toMatch(/^0x[0-9a-f]{64}$/);
    await anvilRpc(h.anvil.url, "evm_mine");
    const replacement = list()[0]?.hash as Hex;
    expect(
      ((await anvilRpc(h.anvil.url, "eth_getTransactionReceipt", [replacement])) as { status: string })
        .status,
    ).toBe("0x1");
  });

  it("the Send screen gets the refusal in words, with the node's code, and the activity lists it", async () => {
    h.session.fee = { custom: { maxFeePerGas: "1", maxPriorityFeePerGas: "1" } };
    const refused = walletSend(h.wallet, h.session, {
      from: TEST_ADDRESS_0,
      to: RECIPIENT,
      chainId: 31337,
      asset: "native",
      amount: "0.001",
    });
    await expect(refused).rejects.toMatchObject({
      code: -32003,
      message: expect.stringMatching(/^The network refused it: its max fee is below the network's base fee/),
    });
    expect(list()[0]).toMatchObject({
      status: "failed",
      origin: WALLET_ORIGIN,
      summary: expect.stringMatching(/^Send 0.001 ETH/),
    });
    expect(list()[0]?.error).toMatch(/Nothing was sent: try again with a higher max fee/);
  });

  it("a site gets the node's own error (its code and words), not a hang", async () => {
    const balance = BigInt(
      (await anvilRpc(h.anvil.url, "eth_getBalance", [TEST_ADDRESS_0, "latest"])) as Hex,
    );
    // All but 1 ETH, and a max fee that could cost 21 ETH: more than the account holds. The
    // gas is given, so nothing refuses it before the window; the node does at broadcast.
    h.session.fee = { custom: { maxFeePerGas: "1000000000000000", maxPriorityFeePerGas: "1" } };
    const value = balance - 10n ** 18n;
    const { error } = await h.call(site, "eth_sendTransaction", [
      { from: TEST_ADDRESS_0, to: RECIPIENT, value: `0x${value.toString(16)}`, gas: "0x5208" },
    ]);
    expect(error?.code).toBe(-32003);
    expect(error?.message).toMatch(/insufficient funds/i);
    expect(list()[0]?.error).toMatch(/too little ETH/);
  });
});
