import type { Page } from "playwright-core";
import { formatUnits } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WALLET_ORIGIN } from "../../protocol/walletOrigin.js";
import { anvilRpc } from "../support/anvil.js";
import { approvalWindow, extensionUrl } from "../support/browser.js";
import { deployFixture, mint } from "../support/contracts.js";
import { TEST_ADDRESS_0, TEST_PASSWORD } from "../support/host.js";
import {
  approve,
  approved,
  clickClosing,
  pageRequest,
  startWallet,
  unlockIn,
  type WalletFixture,
} from "../support/walletFixture.js";

const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const SUPPLY = 5000n * 10n ** 18n;

type Dapp = {
  viemDapp: {
    connect(): Promise<string[]>;
    signMessage(account: string, message: string): Promise<string>;
    sendEth(account: string, to: string, eth: string): Promise<string>;
  };
};

/** The toolbar popup against a real anvil, in one Chromium: balances, tokens, activity, speed-up and cancel. */
describe("the toolbar popup", () => {
  let fx: WalletFixture;
  let popup: Page;
  let token: `0x${string}`;

  const rpc = (method: string, params: unknown[] = []) => anvilRpc(fx.anvil.url, method, params);
  const item = (hash: string) => popup.locator(`[data-testid=activity-item][data-hash="${hash}"]`);
  const statusOf = (hash: string) => item(hash).getAttribute("data-status", { timeout: 15_000 });
  /** Sends from the dApp through the approval window; the transaction hash. */
  const sendFromDapp = (eth: string) =>
    approved(fx, (page) =>
      page.evaluate(([from, to, eth]) => (window as unknown as Dapp).viemDapp.sendEth(from, to, eth), [
        TEST_ADDRESS_0,
        RECIPIENT,
        eth,
      ] as const),
    );

  beforeAll(async () => {
    fx = await startWallet();
    token = await deployFixture(fx.anvil.url, "FixtureToken");
    await mint(fx.anvil.url, "FixtureToken", token, [TEST_ADDRESS_0, SUPPLY]);
    const dialog = await approvalWindow(fx.context, async () => {
      void fx.page.evaluate(() => (window as unknown as Dapp).viemDapp.connect());
    });
    await unlockIn(dialog);
    // Not approve(): its expect.poll belongs in a test, and this is set-up.
    await dialog.waitForFunction(
      () => (document.querySelector("[data-testid=approve]") as HTMLButtonElement | null)?.disabled === false,
    );
    await clickClosing(dialog, dialog.getByTestId("approve"));
    popup = await fx.context.newPage();
  });
  afterAll(async () => {
    await fx?.close();
  });

  async function openPopup(tab?: "activity" | "sites"): Promise<void> {
    await popup.goto(extensionUrl("popup.html"));
    await expect.poll(() => popup.getByTestId("transport-status").textContent()).toBe("native");
    if (tab) await popup.getByTestId(`tab-${tab}`).click();
  }

  it("shows the selected account in full and its native balance as eth_getBalance has it", async () => {
    // Move some ether so the balance is not anvil's round starting figure.
    await rpc("eth_sendTransaction", [{ from: TEST_ADDRESS_0, to: RECIPIENT, value: "0x1234567" }]);
    await openPopup();
    expect((await popup.getByTestId("account-address").textContent())?.toLowerCase()).toBe(TEST_ADDRESS_0);
    const wei = await popup.getByTestId("balance").getAttribute("data-wei", { timeout: 15_000 });
    expect(wei).toBe(BigInt((await rpc("eth_getBalance", [TEST_ADDRESS_0, "latest"])) as string).toString());
  });

  it("says when the account's code is an EIP-7702 delegation, naming the delegate, and not otherwise", async () => {
    await openPopup();
    await popup.getByTestId("balance").waitFor({ timeout: 15_000 });
    expect(await popup.getByTestId("account-delegation").count()).toBe(0);
    const delegate = "0x000000000000000000000000000000000000dE1e";
    await rpc("anvil_setCode", [TEST_ADDRESS_0, `0xef0100${delegate.slice(2)}`]);
    try {
      await openPopup();
      const notice = popup.getByTestId("account-delegation");
      await expect
        .poll(async () => (await notice.getAttribute("data-delegate"))?.toLowerCase(), { timeout: 15_000 })
        .toBe(delegate.toLowerCase());
    } finally {
      await rpc("anvil_setCode", [TEST_ADDRESS_0, "0x"]);
    }
  });

  it("names a delegated account and its delegate at unlock, in the popup and in the approval window", async () => {
    const delegate = "0x00000000000000000000000000000000000d1e7E";
    const delegation = (page: Page) => page.getByTestId("unlock-delegation");
    const lock = async () => {
      await openPopup();
      await popup.getByTestId("lock").click();
      await popup.getByTestId("unlock-password").waitFor();
    };
    // Not delegated: the unlock goes straight on, with no delegation step.
    await lock();
    await popup.getByTestId("unlock-password").fill(TEST_PASSWORD);
    await popup.getByTestId("unlock-submit").click();
    await popup.getByTestId("balance").waitFor({ timeout: 15_000 });
    expect(await delegation(popup).count()).toBe(0);

    await rpc("anvil_setCode", [TEST_ADDRESS_0, `0xef0100${delegate.slice(2)}`]);
    try {
      await lock();
      await popup.getByTestId("unlock-password").fill(TEST_PASSWORD);
      await popup.getByTestId("unlock-submit").click();
      await delegation(popup).waitFor({ timeout: 15_000 });
      expect((await delegation(popup).getAttribute("data-address"))?.toLowerCase()).toBe(TEST_ADDRESS_0);
      expect(await delegation(popup).getAttribute("data-delegate")).toBe(delegate);
      expect(await delegation(popup).textContent()).toContain(delegate);
      await popup.getByTestId("unlock-continue").click();
      await popup.getByTestId("balance").waitFor({ timeout: 15_000 });

      // Locked again: a site's request opens the window on its unlock form, and the delegation
      // is said there before the request is shown.
      await lock();
      let pending: Promise<unknown> | undefined;
      const dialog = await approvalWindow(fx.context, async () => {
        pending = pageRequest(fx.page, "personal_sign", ["0x68656c6c6f", TEST_ADDRESS_0]);
      });
      await unlockIn(dialog);
      await delegation(dialog).waitFor({ timeout: 15_000 });
      expect(await delegation(dialog).getAttribute("data-delegate")).toBe(delegate);
      expect(await dialog.getByTestId("approval-kind").count()).toBe(0);
      await dialog.getByTestId("unlock-continue").click();
      await expect.poll(() => dialog.getByTestId("approval-kind").textContent()).toBe("sign-message");
      await clickClosing(dialog, dialog.getByTestId("reject"));
      expect(await pending).toMatchObject({ code: 4001 });
    } finally {
      await rpc("anvil_setCode", [TEST_ADDRESS_0, "0x"]);
    }
  });

  it("lists a token the site asked to watch, with the balance balanceOf gives", async () => {
    // Some of the supply leaves, so the balance shown must be read from the chain.
    const sent = 1234n * 10n ** 15n;
    const transfer = `0xa9059cbb${RECIPIENT.slice(2).padStart(64, "0")}${sent.toString(16).padStart(64, "0")}`;
    await rpc("eth_sendTransaction", [{ from: TEST_ADDRESS_0, to: token, data: transfer }]);
    await approved(
      fx,
      (page) =>
        pageRequest(page, "wallet_watchAsset", {
          type: "ERC20",
          options: { address: token, symbol: "FTK", decimals: 18 },
        }),
      "watch-asset",
    );
    await openPopup();
    const row = popup.locator(`[data-testid=token][data-address="${token.toLowerCase()}"]`);
    expect(await row.getAttribute("data-balance", { timeout: 15_000 })).toBe((SUPPLY - sent).toString());
  });

  it("adds a token by its contract address: shows what the contract says, then lists it with its on-chain balance", async () => {
    const added = await deployFixture(fx.anvil.url, "FixtureToken");
    await mint(fx.anvil.url, "FixtureToken", added, [TEST_ADDRESS_0, 4321n * 10n ** 16n]);
    await openPopup();
    await popup.getByTestId("add-token").click();
    const address = popup.getByTestId("add-token-address");
    // An account is no token: the host says so, in words, before anything is added.
    await address.fill(RECIPIENT);
    await popup.getByTestId("add-token-find").click();
    await expect
      .poll(() => popup.getByTestId("add-token-error").textContent(), { timeout: 15_000 })
      .toBe(
        "There is no contract at 0x7099…79C8 on Anvil. Check the address, and that the token is on Anvil and not on another network.",
      );
    await address.fill(added);
    await popup.getByTestId("add-token-find").click();
    const preview = popup.getByTestId("add-token-preview");
    expect(await preview.getAttribute("data-symbol", { timeout: 15_000 })).toBe("FTK");
    expect(await preview.getAttribute("data-standard")).toBe("erc20");
    expect(await preview.getAttribute("data-balance")).toBe((4321n * 10n ** 16n).toString());
    expect(await popup.getByTestId("add-token-error").isHidden()).toBe(true);
    await popup.getByTestId("add-token-confirm").click();
    const row = popup.locator(`[data-testid=token][data-address="${added.toLowerCase()}"]`);
    expect(await row.getAttribute("data-balance", { timeout: 15_000 })).toBe(
      BigInt(
        (await rpc("eth_call", [
          { to: added, data: `0x70a08231${TEST_ADDRESS_0.slice(2).padStart(64, "0")}` },
          "latest",
        ])) as string,
      ).toString(),
    );
    expect(await row.textContent()).toContain("43.21 FTK");
  });

  it("adds an NFT the account holds by contract and token ID", async () => {
    const nft = await deployFixture(fx.anvil.url, "FixtureNFT");
    await mint(fx.anvil.url, "FixtureNFT", nft, [TEST_ADDRESS_0, 3n]);
    await openPopup();
    await popup.getByTestId("add-token").click();
    await popup.getByTestId("add-token-address").fill(nft);
    await popup.getByTestId("add-token-find").click();
    await expect
      .poll(() => popup.getByTestId("add-token-error").textContent(), { timeout: 15_000 })
      .toBe("FNFT is an ERC-721 collection: enter the ID of the token you hold.");
    await popup.getByTestId("add-token-id").fill("3");
    await popup.getByTestId("add-token-find").click();
    expect(
      await popup.getByTestId("add-token-preview").getAttribute("data-standard", { timeout: 15_000 }),
    ).toBe("erc721");
    await popup.getByTestId("add-token-confirm").click();
    const row = popup.locator(`[data-testid=token][data-address="${nft.toLowerCase()}"][data-token-id="3"]`);
    expect(await row.getAttribute("data-balance", { timeout: 15_000 })).toBe("1");
  });

  it("describes activity as the approval window did: a decoded unlimited approve and a token transfer", async () => {
    const send = (data: string, options: { expectDanger?: string; acknowledge?: boolean } = {}) =>
      approved(
        fx,
        async (page) => {
          const answer = await pageRequest(page, "eth_sendTransaction", [
            { from: TEST_ADDRESS_0, to: token, data },
          ]);
          return answer.result as string;
        },
        "send-transaction",
        options,
      );
    const word = (n: bigint) => n.toString(16).padStart(64, "0");
    const spender = RECIPIENT.slice(2).padStart(64, "0");
    // The spender is a plain account: a danger the person acknowledges, as they would.
    const approveHash = await send(`0x095ea7b3${spender}${"f".repeat(64)}`, {
      expectDanger: "eoa-spender",
      acknowledge: true,
    });
    const transferHash = await send(`0xa9059cbb${spender}${word(15n * 10n ** 17n)}`);
    await openPopup("activity");
    const summary = (hash: string) =>
      item(hash).getByTestId("activity-summary").textContent({ timeout: 15_000 });
    expect(await summary(approveHash)).toBe("Allow 0x7099…79C8 to spend unlimited FTK");
    expect(await summary(transferHash)).toBe("Send 1.5 FTK to 0x7099…79C8");
    // The approval is marked as a permission (its own icon), the transfer as a send.
    expect(await item(approveHash).getAttribute("data-icon")).toBe("shield");
    expect(await item(transferHash).getAttribute("data-icon")).toBe("send");
  });

  it("shows a dApp's transaction pending, then confirmed with its hash, and a signature as a signature", async () => {
    await rpc("evm_setAutomine", [false]);
    const hash = await sendFromDapp("0.001");
    await openPopup("activity");
    expect(await statusOf(hash)).toBe("pending");
    expect(await item(hash).getAttribute("data-kind")).toBe("transaction");
    await rpc("evm_mine");
    await expect.poll(() => statusOf(hash), { timeout: 20_000 }).toBe("confirmed");
    await rpc("evm_setAutomine", [true]);

    await approved(fx, (page) =>
      page.evaluate(
        (a) => (window as unknown as Dapp).viemDapp.signMessage(a, "popup activity"),
        TEST_ADDRESS_0,
      ),
    );
    await openPopup("activity");
    const signature = popup.locator("[data-testid=activity-item][data-kind=signature]").first();
    expect(await signature.getAttribute("data-status", { timeout: 15_000 })).toBe("confirmed");
  });

  /** Clicks `button` on the pending row of `hash`, approves the wallet's own window, and returns the replacement's hash. */
  async function replace(hash: string, button: "speed-up" | "cancel"): Promise<string> {
    const before = new Set(
      await popup.getByTestId("activity-item").evaluateAll((rows) => rows.map((r) => r.dataset.hash)),
    );
    const dialog = await approvalWindow(fx.context, () => item(hash).getByTestId(button).click());
    await expect.poll(() => dialog.getByTestId("approval-kind").textContent()).toBe("send-transaction");
    expect(await dialog.getByTestId("approval-origin").textContent()).toBe(WALLET_ORIGIN);
    await approve(dialog);
    const fresh = popup.locator("[data-testid=activity-item][data-status=pending]");
    let replacement: string | undefined;
    await expect
      .poll(
        async () => {
          const hashes = await fresh.evaluateAll((rows) => rows.map((r) => r.dataset.hash));
          replacement = hashes.find((h) => h && !before.has(h));
          return replacement;
        },
        { timeout: 20_000 },
      )
      .toMatch(/^0x[0-9a-f]{64}$/);
    return replacement as string;
  }

  it("speeds up a pending transaction: the replacement, same nonce, is mined and the original never is", async () => {
    await rpc("evm_setAutomine", [false]);
    const hash = await sendFromDapp("0.002");
    const original = (await rpc("eth_getTransactionByHash", [hash])) as { nonce: string };
    await openPopup("activity");
    expect(await statusOf(hash)).toBe("pending");
    const replacement = await replace(hash, "speed-up");
    await rpc("evm_mine");
    await expect.poll(() => statusOf(replacement), { timeout: 20_000 }).toBe("confirmed");
    await expect.poll(() => statusOf(hash), { timeout: 20_000 }).toBe("replaced");
    expect(((await rpc("eth_getTransactionByHash", [replacement])) as { nonce: string }).nonce).toBe(
      original.nonce,
    );
    await rpc("evm_mine");
    expect(await rpc("eth_getTransactionReceipt", [hash])).toBeNull();
    await rpc("evm_setAutomine", [true]);
  });

  it("cancels a pending transaction: the recipient gets nothing and the nonce moves on", async () => {
    await rpc("evm_setAutomine", [false]);
    const recipientBefore = await rpc("eth_getBalance", [RECIPIENT, "latest"]);
    const nonceBefore = BigInt((await rpc("eth_getTransactionCount", [TEST_ADDRESS_0, "latest"])) as string);
    const hash = await sendFromDapp("0.5");
    await openPopup("activity");
    expect(await statusOf(hash)).toBe("pending");
    const replacement = await replace(hash, "cancel");
    await rpc("evm_mine");
    await expect.poll(() => statusOf(hash), { timeout: 20_000 }).toBe("cancelled");
    expect(await statusOf(replacement)).toBe("confirmed");
    expect(await rpc("eth_getBalance", [RECIPIENT, "latest"])).toBe(recipientBefore);
    expect(BigInt((await rpc("eth_getTransactionCount", [TEST_ADDRESS_0, "latest"])) as string)).toBe(
      nonceBefore + 1n,
    );
    await rpc("evm_setAutomine", [true]);
  });

  it("a speed-up whose fee was edited below the network's bump shows in the popup why nothing was sent", async () => {
    await rpc("evm_setAutomine", [false]);
    const hash = await sendFromDapp("0.003");
    const original = (await rpc("eth_getTransactionByHash", [hash])) as {
      maxFeePerGas: string;
      maxPriorityFeePerGas: string;
    };
    await openPopup("activity");
    expect(await statusOf(hash)).toBe("pending");
    const dialog = await approvalWindow(fx.context, () => item(hash).getByTestId("speed-up").click());
    await expect.poll(() => dialog.getByTestId("approval-kind").textContent()).toBe("send-transaction");
    // The person edits the fees to 90% of the original's: less than any node takes to replace it.
    const lowered = (wei: string) => formatUnits((BigInt(wei) * 9n) / 10n, 9);
    await dialog.getByRole("button", { name: "Edit", exact: true }).click();
    await dialog.getByLabel("Max fee (gwei)").fill(lowered(original.maxFeePerGas));
    await dialog.getByLabel("Priority fee (gwei)").fill(lowered(original.maxPriorityFeePerGas));
    await approve(dialog);
    const error = popup.getByTestId("activity-error");
    await expect.poll(() => error.first().textContent(), { timeout: 20_000 }).toMatch(/at least 10% more/);
    const row = popup.locator("[data-testid=activity-item]", { has: error.first() });
    expect(await row.getAttribute("data-status")).toBe("failed");
    expect(await row.getAttribute("data-hash")).toBeNull();
    expect(await row.locator(".chip").textContent()).toBe("Not sent");
    // The original is untouched, and mines as it was.
    expect(await statusOf(hash)).toBe("pending");
    await rpc("evm_mine");
    await expect.poll(() => statusOf(hash), { timeout: 20_000 }).toBe("confirmed");
    await rpc("evm_setAutomine", [true]);
  });

  it("rejecting the wallet's own prompts again and again never locks the person out of them", async () => {
    await rpc("evm_setAutomine", [false]);
    const hash = await sendFromDapp("0.004");
    // Three rejections brake a site for a minute; the wallet's own cancel is asked a fourth time.
    for (let i = 0; i < 4; i++) {
      await openPopup("activity");
      expect(await statusOf(hash)).toBe("pending");
      const dialog = await approvalWindow(fx.context, () => item(hash).getByTestId("cancel").click());
      expect(await dialog.getByTestId("approval-origin").textContent()).toBe(WALLET_ORIGIN);
      await clickClosing(dialog, dialog.getByTestId("reject"));
    }
    await rpc("evm_mine");
    await expect.poll(() => statusOf(hash), { timeout: 20_000 }).toBe("confirmed");
    await rpc("evm_setAutomine", [true]);
  });

  it("still lists connected sites with Revoke", async () => {
    await openPopup("sites");
    await expect.poll(() => popup.getByTestId("site").allTextContents()).toEqual([fx.dapp.origin]);
  });
});
