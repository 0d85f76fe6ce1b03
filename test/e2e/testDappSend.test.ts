import TEST_DAPP from "@metamask/test-dapp/dist/constants.json" with { type: "json" };
import { type Abi, createPublicClient, http } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anvilRpc } from "../support/anvil.js";
import { approvalWindow } from "../support/browser.js";
import { TEST_ADDRESS_0 } from "../support/host.js";
import { answer, lastTransaction, mountTestDapp, nonceOf, type TestDapp } from "../support/testDapp.js";
import { pageRequest, startWallet, type WalletFixture } from "../support/walletFixture.js";

/** Where the test-dapp's Send buttons send (hard-coded in the page). */
const PAGE_RECIPIENT = "0x0c54fccd2e384b4bb6f2e405bf5cbc15a017aafb";
/** Where the Send form sends in this test (an anvil account, typed in as a person would). */
const FORM_RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

/** MetaMask's test-dapp, Send Eth and Piggy Bank sections, through the page's own buttons. */
describe("MetaMask's test-dapp: sending and contracts", () => {
  let fx: WalletFixture;
  let dapp: TestDapp;

  beforeAll(async () => {
    fx = await startWallet();
    dapp = await mountTestDapp(fx);
    await dapp.connect(TEST_ADDRESS_0);
  }, 120_000);
  afterAll(async () => {
    await dapp?.close();
    await fx?.close();
  });

  const sentAfter = async (button: string) => {
    const before = await nonceOf(fx.anvil.url, TEST_ADDRESS_0);
    await dapp.approveAfter(button, "send-transaction");
    await expect.poll(() => nonceOf(fx.anvil.url, TEST_ADDRESS_0), { timeout: 20_000 }).toBe(before + 1);
    return lastTransaction(fx.anvil.url, TEST_ADDRESS_0);
  };

  it("Send Legacy Transaction is mined as a type-0 transaction", async () => {
    expect(await sentAfter("sendButton")).toMatchObject({ to: PAGE_RECIPIENT, type: "0x0", status: "0x1" });
  });

  it("Send EIP-1559 Transaction, with and without the page's gas fields, are mined as type 2", async () => {
    expect(await sentAfter("sendEIP1559Button")).toMatchObject({
      to: PAGE_RECIPIENT,
      type: "0x2",
      status: "0x1",
    });
    expect(await sentAfter("sendEIP1559WithoutGasButton")).toMatchObject({
      to: PAGE_RECIPIENT,
      type: "0x2",
      status: "0x1",
    });
  });

  it("the piggy bank: Deploy, Deposit, Withdraw, each reported by the page", async () => {
    await dapp.approveAfter("deployButton", "send-transaction");
    await expect.poll(() => dapp.text("contractStatus"), { timeout: 30_000 }).toBe("Deployed");
    await dapp.approveAfter("depositButton", "send-transaction");
    await expect.poll(() => dapp.text("contractStatus"), { timeout: 30_000 }).toBe("Deposit completed");
    await dapp.approveAfter("withdrawButton", "send-transaction");
    await expect.poll(() => dapp.text("contractStatus"), { timeout: 30_000 }).toBe("Withdrawn");
    expect((await lastTransaction(fx.anvil.url, TEST_ADDRESS_0)).status).toBe("0x1");
  });

  it("the failing contract: deployed, then its call is sent and fails on chain without hanging the page", async () => {
    await dapp.approveAfter("deployFailingButton", "send-transaction");
    await expect.poll(() => dapp.text("failingContractStatus"), { timeout: 30_000 }).toBe("Deployed");
    const before = await nonceOf(fx.anvil.url, TEST_ADDRESS_0);
    await dapp.approveAfter("sendFailingButton", "send-transaction");
    await expect
      .poll(() => dapp.text("failingContractStatus"), { timeout: 30_000 })
      .toBe("Failed transaction process completed as expected.");
    await expect.poll(() => nonceOf(fx.anvil.url, TEST_ADDRESS_0), { timeout: 20_000 }).toBe(before + 1);
    expect((await lastTransaction(fx.anvil.url, TEST_ADDRESS_0)).status).toBe("0x0");
  });

  it("the multisig: Deploy; Send ETH to Multisig Address with the page's 21,000 gas is shown failing and fails on chain; with the wallet's estimate it is deposited", async () => {
    await dapp.approveAfter("deployMultisigButton", "send-transaction");
    await expect.poll(() => dapp.text("multisigContractStatus"), { timeout: 30_000 }).toBe("Deployed");
    const deployed = await lastTransaction(fx.anvil.url, TEST_ADDRESS_0);
    expect(deployed).toMatchObject({ to: null, status: "0x1" });
    const multisig = deployed.contractAddress as string;
    const owners = await createPublicClient({ transport: http(fx.anvil.url) }).readContract({
      address: multisig as `0x${string}`,
      abi: TEST_DAPP.multisigAbi as Abi,
      functionName: "getOwners",
    });
    // The page's multisig names three owners of its own (none of them ours).
    expect(owners).toHaveLength(3);
    const before = await nonceOf(fx.anvil.url, TEST_ADDRESS_0);
    // The page fixes the gas at 21,000, all a plain transfer costs: the multisig's receive()
    // (which logs the deposit) cannot run on it. The window says so before anyone approves.
    const dialog = await approvalWindow(fx.context, () => dapp.click("sendMultisigButton"));
    const reverts = dialog.locator('[data-testid="approval-warning"][data-code="simulation-reverts"]');
    await reverts.waitFor({ timeout: 20_000 });
    expect(await reverts.getAttribute("data-severity")).toBe("caution");
    await answer(dialog, "send-transaction");
    await expect
      .poll(() => dapp.text("multisigContractStatus"), { timeout: 30_000 })
      .toBe("Transaction completed as expected.");
    await expect.poll(() => nonceOf(fx.anvil.url, TEST_ADDRESS_0), { timeout: 20_000 }).toBe(before + 1);
    const sent = await lastTransaction(fx.anvil.url, TEST_ADDRESS_0);
    expect(sent).toMatchObject({ to: multisig.toLowerCase(), type: "0x2", status: "0x0" });
    const tx = (await anvilRpc(fx.anvil.url, "eth_getTransactionByHash", [sent.hash])) as {
      gas: string;
      value: string;
    };
    expect(tx).toMatchObject({ gas: "0x5208", value: "0x16345785d8a0" });
    expect(await anvilRpc(fx.anvil.url, "eth_getBalance", [multisig, "latest"])).toBe("0x0");
    // The same deposit from the same page with no gas given (not the page's button): the wallet
    // estimates enough for receive(), and the multisig logs the deposit and holds the ether.
    const deposit = await approvalWindow(fx.context, async () => {
      void pageRequest(dapp.page, "eth_sendTransaction", [
        { from: TEST_ADDRESS_0, to: multisig, value: "0x16345785d8a0" },
      ]);
    });
    await answer(deposit, "send-transaction");
    await expect.poll(() => nonceOf(fx.anvil.url, TEST_ADDRESS_0), { timeout: 20_000 }).toBe(before + 2);
    const received = await lastTransaction(fx.anvil.url, TEST_ADDRESS_0);
    expect(received).toMatchObject({ to: multisig.toLowerCase(), status: "0x1" });
    const receipt = (await anvilRpc(fx.anvil.url, "eth_getTransactionReceipt", [received.hash])) as {
      logs: Array<{ address: string }>;
    };
    expect(receipt.logs.map((log) => log.address)).toEqual([multisig.toLowerCase()]);
    expect(await anvilRpc(fx.anvil.url, "eth_getBalance", [multisig, "latest"])).toBe("0x16345785d8a0");
  });

  it("Send with heavy hex data: the page's 96 KB of calldata is sent whole and mined", async () => {
    const before = await nonceOf(fx.anvil.url, TEST_ADDRESS_0);
    await dapp.approveAfter("sendHeavyHexDataButton", "send-transaction");
    await expect.poll(() => nonceOf(fx.anvil.url, TEST_ADDRESS_0), { timeout: 30_000 }).toBe(before + 1);
    const sent = await lastTransaction(fx.anvil.url, TEST_ADDRESS_0);
    expect(sent).toMatchObject({ to: "0x0000000000000000000000000000000000000000", status: "0x1" });
    const tx = (await anvilRpc(fx.anvil.url, "eth_getTransactionByHash", [sent.hash])) as { input: string };
    expect(tx.input).toBe(TEST_DAPP.heavyCallData.toLowerCase());
  });

  it("the Send form, legacy and EIP-1559, with the page's fields as a person fills them", async () => {
    const balance = async () =>
      BigInt((await anvilRpc(fx.anvil.url, "eth_getBalance", [FORM_RECIPIENT, "latest"])) as string);
    const start = await balance();
    await dapp.fill("toInput", FORM_RECIPIENT);
    await dapp.fill("amountInput", "0x2386f26fc10000");
    await dapp.fill("gasInput", "0x2540be400");
    // Data left empty, as a person leaves it: the page sends data "".
    expect(await sentAfter("submitForm")).toMatchObject({ to: FORM_RECIPIENT, type: "0x0", status: "0x1" });
    await dapp.page.selectOption("#typeInput", "0x2");
    await dapp.fill("maxFeeInput", "0x2540be400");
    await dapp.fill("maxPriorityFeeInput", "0x3b9aca00");
    await dapp.fill("dataInput", "0x");
    expect(await sentAfter("submitForm")).toMatchObject({ to: FORM_RECIPIENT, type: "0x2", status: "0x1" });
    expect((await balance()) - start).toBe(2n * 10_000_000_000_000_000n);
  });
});
