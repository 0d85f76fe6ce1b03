import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WALLET_ORIGIN } from "../../protocol/walletOrigin.js";
import { type Anvil, anvilRpc, startAnvil } from "../support/anvil.js";
import {
  approveIn,
  type FirefoxWalletFixture,
  newExtensionPage,
  openApproval,
  startFirefoxWallet,
  testIdText,
  unlockIn,
} from "../support/firefox.js";
import { runHost, TEST_ADDRESS_0 } from "../support/host.js";

const RECIPIENT = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
/** The vault's second derived account (anvil's mnemonic), which Add account creates. */
const HD_1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

type Dapp = { viemDapp: { connect(): Promise<string[]> } };

/**
 * The wallet's own screens in a real Firefox ESR (WebDriver BiDi), once: the popup's balance,
 * a send from the popup through the approval window into the activity, adding an account, and
 * adding, editing and removing a network on the options page. One browser for the file; the
 * popup and options pages are one extension tab, navigated from screen to screen.
 */
describe("the popup and the wallet's screens in Firefox", () => {
  let fx: FirefoxWalletFixture;
  let second: Anvil;
  /** popup.html (then options.html) in a tab of its own. */
  let tab: Page;

  const rpc = (method: string, params: unknown[] = []) => anvilRpc(fx.anvil.url, method, params);
  const sel = (testId: string) => `[data-testid="${testId}"]`;
  const attribute = (selector: string, name: string) =>
    tab
      .evaluate((s, n) => document.querySelector(s)?.getAttribute(n) ?? undefined, selector, name)
      .catch(() => undefined);
  const click = async (selector: string) => {
    const element = await tab.waitForSelector(selector, { visible: true, timeout: 15_000 });
    await element?.click();
  };
  const fill = (testId: string, value: string) => tab.locator(sel(testId)).fill(value);

  beforeAll(async () => {
    [fx, second] = await Promise.all([startFirefoxWallet(), startAnvil(31338)]);
    // Some ether leaves, so the balance is not anvil's round starting figure.
    await rpc("eth_sendTransaction", [{ from: TEST_ADDRESS_0, to: RECIPIENT, value: "0x1234567" }]);
    // Connected through the approval window. BiDi may not open a moz-extension URL and a web
    // page may not open one that is not web-accessible: the window (an extension page) opens
    // popup.html in a tab before it is approved.
    const { dialog, result } = await openApproval(fx.browser, () =>
      fx.page.evaluate(() => (window as unknown as Dapp).viemDapp.connect()),
    );
    await unlockIn(dialog);
    await dialog.waitForFunction(
      () => document.querySelector('[data-testid="approval-kind"]')?.textContent === "connect",
      { timeout: 15_000 },
    );
    const before = new Set(fx.browser.targets());
    await dialog.evaluate(async () => {
      await (
        globalThis as unknown as { browser: { tabs: { create(o: { url: string }): Promise<unknown> } } }
      ).browser.tabs.create({ url: "/popup.html" });
    });
    tab = await newExtensionPage(fx.browser, before, "/popup.html");
    await approveIn(dialog);
    await result;
  }, 120_000);
  afterAll(async () => {
    await fx?.close();
    await second?.stop();
  });

  it("shows the account's native balance as eth_getBalance has it", async () => {
    await expect.poll(() => testIdText(tab, "transport-status"), { timeout: 15_000 }).toBe("native");
    const expected = BigInt((await rpc("eth_getBalance", [TEST_ADDRESS_0, "latest"])) as string).toString();
    await expect.poll(() => attribute(sel("balance"), "data-wei"), { timeout: 15_000 }).toBe(expected);
  });

  it("sends ETH from the popup through the approval window; the activity shows it pending, then confirmed", async () => {
    await rpc("evm_setAutomine", [false]);
    try {
      await click(sel("open-send"));
      await fill("send-to", RECIPIENT);
      await fill("send-amount", "0.25");
      await click(sel("send-review"));
      await tab.waitForSelector(sel("send-submit"), { visible: true, timeout: 15_000 });
      const before = new Set(fx.browser.targets());
      await click(sel("send-submit"));
      const dialog = await newExtensionPage(fx.browser, before, "/approval.html");
      await expect
        .poll(() => testIdText(dialog, "approval-kind"), { timeout: 15_000 })
        .toBe("send-transaction");
      expect(await testIdText(dialog, "approval-origin")).toBe(WALLET_ORIGIN);
      await approveIn(dialog);
      await expect.poll(() => testIdText(tab, "send-hash"), { timeout: 30_000 }).toMatch(/^0x[0-9a-f]{64}$/);
      const hash = (await testIdText(tab, "send-hash")) as string;
      await click(sel("back"));
      const row = `[data-testid="activity-item"][data-hash="${hash}"]`;
      await expect.poll(() => attribute(row, "data-status"), { timeout: 15_000 }).toBe("pending");
      expect(await tab.$eval(`${row} ${sel("activity-summary")}`, (e) => e.textContent)).toBe(
        "Send 0.25 ETH to 0x90F7…b906",
      );
      await rpc("evm_mine");
      await expect.poll(() => attribute(row, "data-status"), { timeout: 20_000 }).toBe("confirmed");
      expect(await rpc("eth_getTransactionReceipt", [hash])).toMatchObject({ status: "0x1" });
    } finally {
      await rpc("evm_setAutomine", [true]);
    }
  });

  it("adds the next derived account from the popup's top bar", async () => {
    const options = () =>
      tab.$$eval(`${sel("account-select")} option`, (all) => all.map((o) => (o as HTMLOptionElement).value));
    expect(await options()).toEqual([expect.stringMatching(/^0xf39F/i)]);
    await click(sel("add-account"));
    await expect.poll(options, { timeout: 15_000 }).toHaveLength(2);
    expect((await options()).map((a) => a.toLowerCase())).toEqual([TEST_ADDRESS_0, HD_1.toLowerCase()]);
  });

  it("adds, edits and removes a network on the options page, checked against its endpoint", async () => {
    await tab.evaluate(() => {
      location.href = "/options.html#networks";
    });
    await tab.waitForSelector(sel("network-chain-id"), { visible: true, timeout: 15_000 });
    const network = `[data-testid="network"][data-chain-id="31338"]`;
    const result = () => testIdText(tab, "networks-result");
    await fill("network-chain-id", "31338");
    await fill("network-name", "Second anvil");
    await fill("network-rpc-url", second.url);
    await click(sel("add-network"));
    await expect.poll(result, { timeout: 15_000 }).toBe("Added Second anvil.");
    expect(await tab.$(network)).not.toBeNull();

    // Edited: the RPC URL by another name for the same node (checked again), and an explorer.
    const byName = second.url.replace("127.0.0.1", "localhost");
    await click(`${network} ${sel("edit-network")}`);
    await fill("edit-rpc-url", byName);
    await fill("edit-explorer-url", "https://explorer.example");
    await click(sel("edit-save"));
    await expect.poll(result, { timeout: 15_000 }).toBe("Saved Second anvil.");
    const listed = async () => {
      const { stdout } = await runHost(["chains", "list", "--json"], fx.dirs);
      const { chains } = JSON.parse(stdout) as {
        chains: Array<{ chainId: number; rpcUrls: string[]; blockExplorerUrls?: string[] }>;
      };
      return chains.find((c) => c.chainId === 31338);
    };
    expect(await listed()).toMatchObject({
      rpcUrls: [byName],
      blockExplorerUrls: ["https://explorer.example"],
    });

    await click(`${network} ${sel("remove-network")}`);
    await expect.poll(result, { timeout: 15_000 }).toBe("Removed Second anvil.");
    expect(await tab.$(network)).toBeNull();
    expect(await listed()).toBeUndefined();
  });
});
