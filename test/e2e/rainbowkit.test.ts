import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ICON_DATA_URI } from "../../extension/content/icon.js";
import {
  blockedHosts,
  clickApproved,
  type KitFixture,
  output,
  result,
  signAndSend,
  startKit,
  vaughanRequest,
} from "../support/kitFlow.js";
import { pageRequest } from "../support/walletFixture.js";

const VAUGHAN_OPTION = "rk-wallet-option-io.vaughan.wallet";

/**
 * RainbowKit 2 (on wagmi 2 and React 18) as its quick start builds a dApp, bundled by esbuild at
 * test time, in Chromium with the built extension, a real daemon and two anvil chains. Everything
 * is driven through RainbowKit's own UI (its ConnectButton, wallet list, chain and account
 * modals) and, once connected, wagmi's React hooks.
 *
 * Nothing leaves the machine: every request off loopback is blocked in the browser. What
 * RainbowKit tries to reach is WalletConnect's relay (its WalletConnect and MetaMask connectors
 * open a socket at start, whatever wallet is picked); the test checks that only such services
 * were refused. None of it is on Vaughan's path (EIP-6963, then the injected provider), so the
 * flows below are the same as online.
 */
describe("RainbowKit in Chromium", () => {
  let kit: KitFixture;
  beforeAll(async () => {
    kit = await startKit("test/dapp/kits/rainbowkit.ts", "RainbowKit dApp");
  }, 120_000);
  afterAll(() => kit?.close());

  it("lists Vaughan by its EIP-6963 name and icon, connects, signs, sends, switches chain, disconnects", async () => {
    const { fx, blocked } = kit;
    const page = fx.page;
    await page.goto(kit.url);
    // The MetaMask-compatibility switch is on (the default): the provider says isMetaMask.
    expect((await pageRequest(page, "eth_chainId")).result).toBe("0x7a69");
    expect(
      await page.evaluate(
        () => (window as unknown as { ethereum: { isMetaMask: boolean } }).ethereum.isMetaMask,
      ),
    ).toBe(true);

    await page.getByTestId("rk-connect-button").click();
    const option = page.getByTestId(VAUGHAN_OPTION);
    await option.waitFor();
    // Under "Installed", as Vaughan with our icon: not "Injected", not MetaMask.
    expect(await option.textContent()).toBe("Vaughan");
    expect(await option.locator("img").getAttribute("src")).toBe(ICON_DATA_URI);
    const options = await page
      .locator('[data-testid^="rk-wallet-option-"]')
      .evaluateAll((els) =>
        els.map((el) => `${el.getAttribute("data-testid")}=${(el as HTMLElement).textContent}`),
      );
    expect(options).toEqual([
      `${VAUGHAN_OPTION}=Vaughan`,
      "rk-wallet-option-rainbow=Rainbow",
      "rk-wallet-option-metaMask=MetaMask",
      "rk-wallet-option-coinbase=Coinbase Wallet",
      "rk-wallet-option-walletConnect=WalletConnect",
    ]);

    await clickApproved(fx.context, option, "connect");
    // The kit's own button now shows the account and the chain.
    const account = page.getByTestId("rk-account-button");
    await account.waitFor();
    expect(await account.textContent()).toContain("0xf3…2266");
    expect(await page.getByTestId("rk-chain-button").textContent()).toContain("Anvil One");
    expect(await output(page, "account")).toBe("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    expect(await output(page, "chain")).toBe("31337");
    expect(await output(page, "connector")).toBe("io.vaughan.wallet");

    await signAndSend(kit, "rainbowkit");

    // RainbowKit's chain switcher: the wallet does not know the second chain yet, so wagmi
    // proposes it (wallet_addEthereumChain after 4902), and the kit shows the new chain.
    await page.getByTestId("rk-chain-button").click();
    await clickApproved(fx.context, page.getByTestId("rk-chain-option-31338"), "add-chain");
    await expect.poll(() => page.getByTestId("rk-chain-button").textContent()).toContain("Anvil Two");
    expect(await output(page, "chain")).toBe("31338");
    expect((await vaughanRequest(page, "eth_chainId")).result).toBe("0x7a6a");

    // wagmi's switchChain hook, back to the first chain: the kit follows.
    await page.keyboard.press("Escape");
    await clickApproved(fx.context, page.getByTestId("switch"), "switch-chain");
    expect(await result(page, "switch-result")).toBe("31337");
    await expect.poll(() => page.getByTestId("rk-chain-button").textContent()).toContain("Anvil One");

    // Disconnect from the kit's account modal: wagmi revokes the site's permission.
    await account.click();
    await page.getByTestId("rk-disconnect-button").click();
    await page.getByTestId("rk-connect-button").waitFor();
    expect(await vaughanRequest(page, "eth_accounts")).toEqual({ result: [] });

    // Only remote services were refused; nothing Vaughan needs.
    expect(blockedHosts(blocked)).toEqual(["relay.walletconnect.com"]);
  });
});
