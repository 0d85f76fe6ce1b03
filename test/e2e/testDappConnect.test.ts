import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Anvil, startAnvil } from "../support/anvil.js";
import { approvalWindow } from "../support/browser.js";
import { TEST_ADDRESS_0 } from "../support/host.js";
import { answer, mountTestDapp, type TestDapp } from "../support/testDapp.js";
import { pageRequest, startWallet, type WalletFixture } from "../support/walletFixture.js";

/**
 * MetaMask's test-dapp driven through its own buttons: connecting, permissions, and chains. The
 * page's "Add Localhost 8546" proposes a fixed endpoint, http://127.0.0.1:8546 with chain id
 * 0x53a, so a second anvil listens there (the only fixed port in the suite; 8546 lies outside
 * the range the system hands out for port 0).
 */
describe("MetaMask's test-dapp: connect, permissions, chains", () => {
  let fx: WalletFixture;
  let dapp: TestDapp;
  let localhost8546: Anvil;

  beforeAll(async () => {
    fx = await startWallet();
    localhost8546 = await startAnvil(0x53a, [], 8546);
    dapp = await mountTestDapp(fx);
  }, 120_000);
  afterAll(async () => {
    await dapp?.close();
    await fx?.close();
    await localhost8546?.stop();
  });

  it("shows Vaughan's EIP-6963 announcement and the chain before connecting", async () => {
    const announced = await dapp.page.locator("#providers pre").allTextContents();
    expect(announced.some((t) => t.includes('"rdns": "io.vaughan.wallet"'))).toBe(true);
    expect(await dapp.text("chainId")).toBe("0x7a69");
    expect(await dapp.text("network")).toBe("31337");
    expect(await dapp.text("accounts")).toBe("");
  });

  it("Connect unlocks and connects; eth_accounts and Get Permissions read it back", async () => {
    await dapp.approveAfter("connectButton", "connect");
    await expect.poll(() => dapp.text("accounts")).toBe(TEST_ADDRESS_0);
    await expect.poll(() => dapp.text("connectButton")).toBe("Connected");
    await dapp.click("getAccounts");
    await expect.poll(() => dapp.text("getAccountsResult")).toBe(TEST_ADDRESS_0);
    await dapp.click("getPermissions");
    await expect.poll(() => dapp.text("permissionsResult")).toBe("eth_accounts");
  });

  it("Request Permissions on a connected site opens the window again, as MetaMask does", async () => {
    await dapp.approveAfter("requestPermissions", "connect");
    await expect.poll(() => dapp.text("permissionsResult")).toBe("eth_accounts");
  });

  it("Revoke Accounts Permission disconnects; Request Permissions connects again", async () => {
    await dapp.click("revokeAccountsPermission");
    await expect.poll(() => dapp.text("accounts")).toBe("");
    await dapp.click("getPermissions");
    await expect.poll(() => dapp.text("permissionsResult")).toBe("No permissions found.");
    expect(await pageRequest(dapp.page, "eth_accounts")).toEqual({ result: [] });
    await dapp.approveAfter("requestPermissions", "connect");
    await expect.poll(() => dapp.text("permissionsResult")).toBe("eth_accounts");
    await expect.poll(() => dapp.text("accounts")).toBe(TEST_ADDRESS_0);
  });

  it("a rejected Request Permissions shows the error on the page", async () => {
    await dapp.rejectAfter("requestPermissions");
    await expect.poll(() => dapp.text("permissionsResult")).toMatch(/^Error: /);
  });

  it("Add Localhost 8546 adds the chain and moves the site there; Switch returns to it", async () => {
    await dapp.approveAfter("addEthereumChain", "add-chain");
    await expect.poll(() => dapp.text("chainId")).toBe("0x53a");
    expect(await pageRequest(dapp.page, "eth_blockNumber")).toEqual({ result: "0x0" });
    // Back to the first chain (the page has no button for it), then the page's own Switch.
    const back = await approvalWindow(fx.context, async () => {
      void pageRequest(dapp.page, "wallet_switchEthereumChain", [{ chainId: "0x7a69" }]);
    });
    await answer(back, "switch-chain");
    await expect.poll(() => dapp.text("chainId")).toBe("0x7a69");
    await dapp.approveAfter("switchEthereumChain", "switch-chain");
    await expect.poll(() => dapp.text("chainId")).toBe("0x53a");
  });

  it("nothing the page asked for left the machine", () => {
    for (const url of dapp.blocked) expect(new URL(url).hostname).not.toMatch(/^(127\.0\.0\.1|localhost)$/);
  });
});
