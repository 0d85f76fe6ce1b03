import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WALLET_ORIGIN } from "../../protocol/walletOrigin.js";
import { type Anvil, anvilRpc, startAnvil } from "../support/anvil.js";
import { approvalWindow, extensionUrl } from "../support/browser.js";
import { TEST_PASSWORD } from "../support/host.js";
import { approve, startWallet, type WalletFixture } from "../support/walletFixture.js";

const HD_1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const RECIPIENT = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

/**
 * The options page's screens in real Chromium with the real extension, daemon and anvil: add an
 * account and a network from the UI, and send ETH from the Send screen through the approval
 * window, checked on chain.
 */
describe("accounts, networks and send screens in Chromium", () => {
  let fx: WalletFixture;
  let second: Anvil;
  let options: Page;

  beforeAll(async () => {
    fx = await startWallet();
    second = await startAnvil(31338);
    options = await fx.context.newPage();
  }, 90_000);
  afterAll(async () => {
    await fx?.close();
    await second?.stop();
  });

  it("unlocks and adds the next derived account from the Accounts screen", async () => {
    await options.goto(extensionUrl("options.html#accounts"));
    await options.getByTestId("unlock-password").fill(TEST_PASSWORD);
    await options.getByTestId("unlock-submit").click();
    await options.getByTestId("new-account-name").fill("Savings");
    await options.getByTestId("add-account").click();
    await expect.poll(() => options.getByTestId("account-row").count(), { timeout: 15_000 }).toBe(2);
    const row = options.locator(`[data-testid="account-row"][data-address="${HD_1}"]`);
    expect(await row.locator(".row-title").textContent()).toContain("Savings");
    expect(await row.getByTestId("account-row-address").textContent()).toBe(HD_1);
  }, 60_000);

  it("adds a network from the Networks screen after its endpoint confirms the chain id", async () => {
    await options.goto(extensionUrl("options.html#networks"));
    await options.getByTestId("network-chain-id").fill("31339");
    await options.getByTestId("network-name").fill("Wrong id");
    await options.getByTestId("network-rpc-url").fill(second.url);
    await options.getByTestId("add-network").click();
    await expect
      .poll(() => options.getByTestId("add-network-result").textContent(), { timeout: 15_000 })
      .toBe(`${second.url} reports chain 31338, not 31339`);
    await options.getByTestId("network-chain-id").fill("31338");
    await options.getByTestId("network-name").fill("Second anvil");
    await options.getByTestId("add-network").click();
    await expect
      .poll(() => options.locator('[data-testid="network"][data-chain-id="31338"]').count(), {
        timeout: 15_000,
      })
      .toBe(1);
    expect(await options.getByTestId("networks-result").textContent()).toBe("Added Second anvil.");
  }, 60_000);

  it("sends ETH from the Send screen through the approval window; the recipient's balance rises on chain", async () => {
    const before = BigInt((await anvilRpc(fx.anvil.url, "eth_getBalance", [RECIPIENT, "latest"])) as string);
    await options.goto(extensionUrl("options.html#send"));
    await options.getByTestId("send-to").fill(RECIPIENT);
    await options.getByTestId("send-amount").fill("0.25");
    await options.getByTestId("send-review").click();
    await expect
      .poll(() => options.getByTestId("send-warning").getAttribute("data-code"))
      .toBe("new-recipient");
    const dialog = await approvalWindow(fx.context, () => options.getByTestId("send-submit").click());
    await expect.poll(() => dialog.getByTestId("approval-kind").textContent()).toBe("send-transaction");
    expect(await dialog.getByTestId("approval-origin").textContent()).toBe(WALLET_ORIGIN);
    await approve(dialog);
    const hash = await options.getByTestId("send-hash").textContent({ timeout: 30_000 });
    expect(hash).toMatch(/^0x[0-9a-f]{64}$/);
    await expect
      .poll(() => anvilRpc(fx.anvil.url, "eth_getTransactionReceipt", [hash]), { timeout: 15_000 })
      .toMatchObject({ status: "0x1" });
    const after = BigInt((await anvilRpc(fx.anvil.url, "eth_getBalance", [RECIPIENT, "latest"])) as string);
    expect(after - before).toBe(250_000_000_000_000_000n);
  }, 90_000);

  it("a send the network refuses after approval shows why on the Send screen, in words", async () => {
    await options.goto(extensionUrl("options.html#send"));
    await options.getByTestId("send-to").fill(RECIPIENT);
    await options.getByTestId("send-amount").fill("0.01");
    await options.getByTestId("send-review").click();
    await options.getByTestId("send-submit").waitFor();
    const dialog = await approvalWindow(fx.context, () => options.getByTestId("send-submit").click());
    await expect.poll(() => dialog.getByTestId("approval-kind").textContent()).toBe("send-transaction");
    // The person sets a max fee of 1 wei: below any base fee, so the node refuses it.
    await dialog.getByRole("button", { name: "Edit", exact: true }).click();
    await dialog.getByLabel("Max fee (gwei)").fill("0.000000001");
    await dialog.getByLabel("Priority fee (gwei)").fill("0.000000001");
    await approve(dialog);
    const result = options.getByTestId("send-result");
    await expect.poll(() => result.getAttribute("data-state"), { timeout: 30_000 }).toBe("error");
    expect(await result.getAttribute("role")).toBe("alert");
    expect(await result.textContent()).toBe(
      "The network refused it: its max fee is below the network's base fee now. Nothing was sent: try again with a higher max fee.",
    );
  }, 90_000);
});
