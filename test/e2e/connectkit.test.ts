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

/** What ConnectKit reaches for off the machine (see below), all refused. */
const REMOTE_SERVICES = ["ethereum.reth.rs", "relay.walletconnect.com"];

/**
 * ConnectKit 1.9 (on wagmi 2 and React 18) as its quick start builds a dApp, bundled by esbuild at
 * test time, in Chromium with the built extension, a real daemon and two anvil chains: connected
 * through ConnectKit's own button and wallet list, then wagmi's React hooks.
 *
 * Nothing leaves the machine: every request off loopback is blocked in the browser. ConnectKit
 * opens WalletConnect's relay at start, whatever wallet is picked, and looks the account's ENS
 * name and avatar up on mainnet's public RPC; the test checks that only those were refused.
 * Neither is on Vaughan's path (EIP-6963, then the injected provider): offline, the kit shows
 * the address instead of an ENS name, and the flows are the same. The page turns ConnectKit's
 * Aave account off (test/dapp/kits/connectkit.ts): a remote wallet in an iframe that never comes
 * up offline. A reload while connected is not tested: offline, wagmi's reconnect, which awaits
 * every connector's provider in turn, stays "reconnecting" on the remote ones.
 */
describe("ConnectKit in Chromium", () => {
  let kit: KitFixture;
  beforeAll(async () => {
    kit = await startKit("test/dapp/kits/connectkit.ts", "ConnectKit dApp");
  }, 120_000);
  afterAll(() => kit?.close());

  it("lists Vaughan by its EIP-6963 name and icon, connects, reads the chain, signs, sends, switches chain, disconnects", async () => {
    const { fx, blocked } = kit;
    const page = fx.page;
    await page.goto(kit.url);
    // The MetaMask-compatibility switch is on (the default): the provider says isMetaMask.
    expect(
      await page.evaluate(
        () => (window as unknown as { ethereum: { isMetaMask: boolean } }).ethereum.isMetaMask,
      ),
    ).toBe(true);

    await page.getByRole("button", { name: "Connect Wallet" }).click();
    const modal = page.locator("#__CONNECTKIT__ [role=dialog]");
    // Its accessible name is the icon's alt text and the label: "Vaughan Vaughan".
    const vaughan = modal.locator("button").filter({ has: page.locator("span", { hasText: /^Vaughan$/ }) });
    await vaughan.waitFor();
    // Listed once, as Vaughan with our icon. "MetaMask", "Coinbase Wallet" and "Other Wallets"
    // are ConnectKit's own entries, there with or without any wallet installed.
    expect(await vaughan.locator("img").getAttribute("src")).toBe(ICON_DATA_URI);
    const names = await modal
      .locator("button span")
      .evaluateAll((els) => els.map((el) => el.textContent).filter((t) => t !== ""));
    expect(names).toEqual(["Vaughan", "MetaMask", "Coinbase Wallet", "Other Wallets"]);

    await clickApproved(fx.context, vaughan, "connect");
    await expect.poll(() => output(page, "account")).toBe("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    // The connection runs on Vaughan's provider. Which connector wagmi holds it by is not fixed
    // while isMetaMask is on: ConnectKit's injected MetaMask connector also finds Vaughan (as
    // window.ethereum), hears the accountsChanged that follows the approval, and may take the
    // connection over as "metaMask" once the EIP-6963 one has made it. Same provider either way;
    // the next test, with the switch off, sees only Vaughan's connector.
    await expect.poll(() => output(page, "provider")).toBe("vaughan");
    expect(["io.vaughan.wallet", "metaMask"]).toContain(await output(page, "connector"));
    expect(await output(page, "chain")).toBe("31337");
    // ConnectKit's own button shows the account.
    await expect
      .poll(() => page.locator("main").getByRole("button").first().textContent())
      .toContain("0xf39F");

    await page.keyboard.press("Escape");
    await signAndSend(kit, "connectkit");

    // wagmi's switchChain to a chain the wallet does not know: proposed (wallet_addEthereumChain
    // after 4902), then used.
    await clickApproved(fx.context, page.getByTestId("switch"), "add-chain");
    expect(await result(page, "switch-result")).toBe("31338");
    expect(await output(page, "chain")).toBe("31338");
    expect((await vaughanRequest(page, "eth_chainId")).result).toBe("0x7a6a");

    // Disconnect from ConnectKit's account modal: wagmi revokes the site's permission.
    await page.locator("main").getByRole("button").first().click();
    await modal.getByRole("button", { name: "Disconnect" }).click();
    await expect.poll(() => output(page, "status")).toBe("disconnected");
    expect(await vaughanRequest(page, "eth_accounts")).toEqual({ result: [] });

    // Only those remote services were refused; nothing Vaughan needs.
    expect(blockedHosts(blocked).filter((host) => !REMOTE_SERVICES.includes(host))).toEqual([]);
    expect(blockedHosts(blocked)).toContain("relay.walletconnect.com");
  });
});
