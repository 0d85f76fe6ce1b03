import { getAddress, maxUint256 } from "viem";
import { createSiweMessage } from "viem/siwe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { replaceTransaction } from "../native-host/src/activity/replaceTransaction.js";
import { uiHandler } from "../native-host/src/rpc/uiHandlers.js";
import { Wallet } from "../native-host/src/wallet/Wallet.js";
import type { UiActivityEntry } from "../protocol/activity.js";
import { WALLET_ORIGIN } from "../protocol/walletOrigin.js";
import { anvilRpc } from "./support/anvil.js";
import { deployFixture, fixtureCalldata, mint } from "./support/contracts.js";
import { TEST_ADDRESS_0 } from "./support/host.js";
import { type Harness, startHarness } from "./support/walletHarness.js";

const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const site = "https://dapp.example";

interface Tx {
  nonce: string;
  maxFeePerGas: string;
  maxPriorityFeePerGas: string;
  to: string;
  value: string;
}

/** The activity the host keeps and follows, against a real anvil with automine off. */
describe("activity in the host", () => {
  let h: Harness;
  const restarted: Wallet[] = [];

  beforeAll(async () => {
    h = await startHarness();
    await h.call(site, "eth_requestAccounts");
  });
  afterAll(async () => {
    for (const w of restarted) w.follower.stop();
    await h?.close();
  });
  beforeEach(async () => {
    h.session.policy = "approve";
    await anvilRpc(h.anvil.url, "evm_setAutomine", [false]);
  });

  const send = async (value = "0x1") => {
    const { result, error } = await h.call(site, "eth_sendTransaction", [
      { from: TEST_ADDRESS_0, to: RECIPIENT, value },
    ]);
    if (error) throw new Error(error.message);
    return result as string;
  };
  const entry = (wallet: Wallet, hash: string) => wallet.activity.find(31337, TEST_ADDRESS_0, hash);
  const activity = (wallet: Wallet) =>
    uiHandler("vaughan_activity")(wallet, [31337, TEST_ADDRESS_0], h.session) as Promise<UiActivityEntry[]>;

  it("lists a sent transaction as pending with its site and summary, and a signature as signed", async () => {
    const hash = await send("0x2386f26fc10000");
    expect(entry(h.wallet, hash)).toMatchObject({
      kind: "transaction",
      status: "pending",
      origin: site,
      summary: "Send 0.01 ETH to 0x7099…79C8",
      nonce: expect.any(Number),
    });
    await h.call(site, "personal_sign", ["0x68656c6c6f", TEST_ADDRESS_0]);
    const [newest] = await activity(h.wallet);
    expect(newest).toMatchObject({
      kind: "signature",
      status: "confirmed",
      origin: site,
      summary: "Signed “hello”",
    });
    await anvilRpc(h.anvil.url, "evm_mine");
    expect((await activity(h.wallet)).find((e) => e.id === hash)?.status).toBe("confirmed");
  });

  it("describes each entry in the approval window's words: decoded calls, a sign-in, a permit, typed data", async () => {
    await anvilRpc(h.anvil.url, "evm_setAutomine", [true]);
    const token = getAddress(await deployFixture(h.anvil.url, "FixtureToken"));
    const nft = getAddress(await deployFixture(h.anvil.url, "FixtureNFT"));
    await mint(h.anvil.url, "FixtureToken", token, [TEST_ADDRESS_0, 10n ** 21n]);
    await mint(h.anvil.url, "FixtureNFT", nft, [TEST_ADDRESS_0, 3n]);
    const call = async (to: string, data: string) => {
      const { result, error } = await h.call(site, "eth_sendTransaction", [
        { from: TEST_ADDRESS_0, to, data },
      ]);
      if (error) throw new Error(error.message);
      return entry(h.wallet, result as string)?.summary;
    };
    const approve = await fixtureCalldata("FixtureToken", "approve", [RECIPIENT, maxUint256]);
    expect(await call(token, approve)).toBe("Allow 0x7099…79C8 to spend unlimited FTK");
    // A permission, marked apart from a send; a transfer is not one.
    expect((await activity(h.wallet))[0]?.permission).toBe(true);
    const transfer = await fixtureCalldata("FixtureToken", "transfer", [RECIPIENT, 15n * 10n ** 17n]);
    expect(await call(token, transfer)).toBe("Send 1.5 FTK to 0x7099…79C8");
    expect((await activity(h.wallet))[0]?.permission).toBeUndefined();
    const give = await fixtureCalldata("FixtureNFT", "transferFrom", [TEST_ADDRESS_0, RECIPIENT, 3n]);
    expect(await call(nft, give)).toBe("Send FNFT #3 to 0x7099…79C8");

    const newest = async () => (await activity(h.wallet))[0] ?? { kind: "", summary: "" };
    const siwe = createSiweMessage({
      domain: "dapp.example",
      address: getAddress(TEST_ADDRESS_0),
      uri: "https://dapp.example/",
      version: "1",
      chainId: 31337,
      nonce: "n0nce1234",
      issuedAt: new Date(),
    });
    await h.call(site, "personal_sign", [siwe, TEST_ADDRESS_0]);
    expect(await newest()).toMatchObject({ kind: "signature", summary: "Signed in to dapp.example" });
    const permit = {
      types: {
        EIP712Domain: [
          { name: "name", type: "string" },
          { name: "version", type: "string" },
          { name: "chainId", type: "uint256" },
          { name: "verifyingContract", type: "address" },
        ],
        Permit: [
          { name: "owner", type: "address" },
          { name: "spender", type: "address" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      primaryType: "Permit",
      domain: { name: "Fixture Token", version: "1", chainId: 31337, verifyingContract: token },
      message: {
        owner: TEST_ADDRESS_0,
        spender: nft,
        value: "100000000000000000000",
        nonce: "0",
        deadline: "0",
      },
    };
    await h.call(site, "eth_signTypedData_v4", [TEST_ADDRESS_0, JSON.stringify(permit)]);
    expect((await newest()).summary).toBe(
      `Signed a permit to allow ${nft.slice(0, 6)}…${nft.slice(-4)} to spend 100 FTK`,
    );
    await h.call(site, "eth_signTypedData_v4", [
      TEST_ADDRESS_0,
      JSON.stringify({
        ...permit,
        primaryType: "Mail",
        types: { EIP712Domain: permit.types.EIP712Domain, Mail: [{ name: "contents", type: "string" }] },
        message: { contents: "hi" },
      }),
    ]);
    expect((await newest()).summary).toBe("Signed Mail for Fixture Token");
  });

  it("follows a pending transaction again after a restart, until it is mined, with the fee paid", async () => {
    const hash = await send();
    h.wallet.follower.stop();
    // A new daemon on the same data folder: only the files carry the pending transaction over.
    const next = new Wallet(h.home);
    restarted.push(next);
    next.follower.resume();
    expect(entry(next, hash)?.status).toBe("pending");
    await anvilRpc(h.anvil.url, "evm_mine");
    await expect.poll(() => entry(next, hash)?.status, { timeout: 20_000, interval: 200 }).toBe("confirmed");
    const receipt = (await anvilRpc(h.anvil.url, "eth_getTransactionReceipt", [hash])) as {
      gasUsed: string;
      effectiveGasPrice: string;
    };
    expect(entry(next, hash)?.feeWei).toBe(
      (BigInt(receipt.gasUsed) * BigInt(receipt.effectiveGasPrice)).toString(),
    );
  });

  it("marks a transaction replaced when another one with its nonce is mined", async () => {
    const hash = await send();
    const original = (await anvilRpc(h.anvil.url, "eth_getTransactionByHash", [hash])) as {
      nonce: string;
      maxFeePerGas: string;
      maxPriorityFeePerGas: string;
    };
    // The same account sends elsewhere (anvil holds its key too) with the same nonce, paying more.
    await anvilRpc(h.anvil.url, "eth_sendTransaction", [
      {
        from: TEST_ADDRESS_0,
        to: TEST_ADDRESS_0,
        nonce: original.nonce,
        maxFeePerGas: `0x${(BigInt(original.maxFeePerGas) * 2n).toString(16)}`,
        maxPriorityFeePerGas: `0x${(BigInt(original.maxPriorityFeePerGas) * 2n).toString(16)}`,
      },
    ]);
    await anvilRpc(h.anvil.url, "evm_mine");
    await activity(h.wallet);
    expect(entry(h.wallet, hash)?.status).toBe("replaced");
  });

  for (const purpose of ["speed-up", "cancel"] as const) {
    it(`${purpose}: asks as the wallet itself, sends the same nonce with fees raised by 10% or more, and settles both`, async () => {
      const hash = await send("0x5");
      // Read now: once replaced in anvil's pool, the original is no longer known by hash.
      const a = (await anvilRpc(h.anvil.url, "eth_getTransactionByHash", [hash])) as Tx;
      const before = h.session.approvals().length;
      await replaceTransaction(h.wallet, h.session, 31337, hash, purpose);
      const approval = h.session.approvals()[before];
      expect(approval).toMatchObject({ origin: WALLET_ORIGIN, kind: "send-transaction", chainId: 31337 });
      await expect
        .poll(async () => (await activity(h.wallet))[0]?.purpose, { timeout: 10_000 })
        .toBe(purpose);
      const replacement = (await activity(h.wallet))[0] as { id: string; origin: string };
      expect(replacement.origin).toBe(WALLET_ORIGIN);
      const b = (await anvilRpc(h.anvil.url, "eth_getTransactionByHash", [replacement.id])) as Tx;
      expect(b.nonce).toBe(a.nonce);
      expect(BigInt(b.maxFeePerGas) * 10n).toBeGreaterThanOrEqual(BigInt(a.maxFeePerGas) * 11n);
      expect(BigInt(b.maxPriorityFeePerGas) * 10n).toBeGreaterThanOrEqual(
        BigInt(a.maxPriorityFeePerGas) * 11n,
      );
      if (purpose === "cancel") expect(b).toMatchObject({ to: TEST_ADDRESS_0, value: "0x0" });
      else expect(b).toMatchObject({ to: RECIPIENT, value: "0x5" });
      await anvilRpc(h.anvil.url, "evm_mine");
      await activity(h.wallet);
      expect(entry(h.wallet, replacement.id)?.status).toBe("confirmed");
      expect(entry(h.wallet, hash)).toMatchObject({
        status: purpose === "cancel" ? "cancelled" : "replaced",
        replacedBy: replacement.id,
      });
      expect(await anvilRpc(h.anvil.url, "eth_getTransactionReceipt", [hash])).toBeNull();
    });
  }

  it("refuses to replace a transaction that is no longer pending, and a CLI connection", async () => {
    const hash = await send();
    await anvilRpc(h.anvil.url, "evm_mine");
    await activity(h.wallet);
    await expect(replaceTransaction(h.wallet, h.session, 31337, hash, "cancel")).rejects.toThrow(
      "The transaction is already confirmed",
    );
    const cli = Object.assign(Object.create(h.session), { role: "cli" });
    await expect(replaceTransaction(h.wallet, cli, 31337, hash, "cancel")).rejects.toThrow(
      "Only the browser can show the approval window",
    );
  });
});
