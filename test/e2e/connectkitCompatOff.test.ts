import { recoverPersonalSignature } from "@metamask/eth-sig-util";
import { stringToHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extensionUrl } from "../support/browser.js";
import { TEST_ADDRESS_0 } from "../support/host.js";
import { clickApproved, type KitFixture, output, result, startKit } from "../support/kitFlow.js";

/**
 * ConnectKit (as in connectkit.test.ts) with the options page's MetaMask-compatibility switch
 * off: ConnectKit's injected MetaMask connector then finds no provider, so the connection can
 * only be, and stays, Vaughan's own EIP-6963 connector. Its own browser, so the page's first
 * load is a fresh one: offline, a later load of a ConnectKit page that has been connected stays
 * in wagmi's reconnect, which awaits every connector's provider in turn, the remote ones too.
 */
describe("ConnectKit in Chromium, MetaMask compatibility off", () => {
  let kit: KitFixture;
  beforeAll(async () => {
    kit = await startKit("test/dapp/kits/connectkit.ts", "ConnectKit dApp");
  }, 120_000);
  afterAll(() => kit?.close());

  it("connects through Vaughan's own connector and signs", async () => {
    const { fx } = kit;
    const options = await fx.context.newPage();
    await options.goto(extensionUrl("options.html"));
    await options.getByTestId("metamask-compat").setChecked(false);
    await expect.poll(() => options.getByTestId("metamask-compat-result").textContent()).toContain("Saved");
    await options.close();

    const page = fx.page;
    await page.goto(kit.url);
    expect(
      await page.evaluate(
        () => (window as unknown as { ethereum: { isMetaMask: boolean } }).ethereum.isMetaMask,
      ),
    ).toBe(false);
    await page.getByRole("button", { name: "Connect Wallet" }).click();
    const modal = page.locator("#__CONNECTKIT__ [role=dialog]");
    const vaughan = modal.locator("button").filter({ has: page.locator("span", { hasText: /^Vaughan$/ }) });
    await clickApproved(fx.context, vaughan, "connect");
    await expect.poll(() => output(page, "provider")).toBe("vaughan");
    expect(await output(page, "connector")).toBe("io.vaughan.wallet");

    await page.keyboard.press("Escape");
    await clickApproved(fx.context, page.getByTestId("sign-message"), "sign-message");
    const signature = await result(page, "sign-message-result");
    expect(recoverPersonalSignature({ data: stringToHex("hello connectkit"), signature })).toBe(
      TEST_ADDRESS_0,
    );
    expect(await output(page, "connector")).toBe("io.vaughan.wallet");
  });
});
