import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createPublicClient, erc20Abi, getAddress, http } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADDRESS_0 } from "../support/host.js";
import { lastTransaction, mountTestDapp, type TestDapp } from "../support/testDapp.js";
import { startWallet, type WalletFixture } from "../support/walletFixture.js";

/** Where the test-dapp sends its tokens (hard-coded in the page). */
const PAGE_RECIPIENT = "0x2f318C334780961FB129D2a6c30D0763d9a5C970";
const PAGE_SPENDER = "0x9bc5baF874d2DA8D216aE9f137804184EE5AfEF4";

/** MetaMask's test-dapp, ERC-20 and EIP-747 sections, through the page's own buttons. */
describe("MetaMask's test-dapp: ERC-20 and watch asset", () => {
  let fx: WalletFixture;
  let dapp: TestDapp;
  let token: `0x${string}`;
  const chain = () => createPublicClient({ transport: http(fx.anvil.url) });
  const balanceOf = (owner: string) =>
    chain().readContract({
      address: token,
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [owner as `0x${string}`],
    });
  const allowance = (owner: string, spender: string) =>
    chain().readContract({
      address: token,
      abi: erc20Abi,
      functionName: "allowance",
      args: [owner as `0x${string}`, spender as `0x${string}`],
    });
  const watched = () =>
    (
      JSON.parse(readFileSync(join(fx.dirs.home, "assets.json"), "utf8")) as {
        assets: Array<{ address: string; symbol: string; decimals: number }>;
      }
    ).assets;

  beforeAll(async () => {
    fx = await startWallet();
    dapp = await mountTestDapp(fx);
    await dapp.connect(TEST_ADDRESS_0);
  }, 120_000);
  afterAll(async () => {
    await dapp?.close();
    await fx?.close();
  });

  it("Create Token deploys the page's token (4 decimals) and the page lists it", async () => {
    await dapp.approveAfter("createToken", "send-transaction");
    await expect
      .poll(() => dapp.text("erc20TokenAddresses"), { timeout: 30_000 })
      .toMatch(/^0x[0-9a-fA-F]{40}$/);
    token = getAddress(await dapp.text("erc20TokenAddresses"));
    const deployed = await lastTransaction(fx.anvil.url, TEST_ADDRESS_0);
    expect(deployed).toMatchObject({ to: null, status: "0x1" });
    expect(getAddress(deployed.contractAddress ?? "")).toBe(token);
    expect(await balanceOf(TEST_ADDRESS_0)).toBe(100_000n);
  });

  it("Add Token to Wallet (wallet_watchAsset, params as an object, decimals as text) is watched", async () => {
    await dapp.approveAfter("watchAssets", "watch-asset");
    await expect
      .poll(() => watched().map((a) => [a.address.toLowerCase(), a.symbol, a.decimals]))
      .toContainEqual([token.toLowerCase(), "TST", 4]);
  });

  it("Transfer Tokens moves 1.5 TST to the page's recipient", async () => {
    await dapp.approveAfter("transferTokens", "send-transaction");
    await expect.poll(() => balanceOf(PAGE_RECIPIENT), { timeout: 20_000 }).toBe(15_000n);
  });

  it("Approve Tokens, then Increase Token Allowance; Get Allowance shows 8 on the page", async () => {
    await dapp.approveAfter("approveTokens", "send-transaction");
    await expect.poll(() => allowance(TEST_ADDRESS_0, PAGE_SPENDER), { timeout: 20_000 }).toBe(70_000n);
    await dapp.approveAfter("increaseTokenAllowance", "send-transaction");
    await expect.poll(() => allowance(TEST_ADDRESS_0, PAGE_SPENDER), { timeout: 20_000 }).toBe(80_000n);
    await dapp.fill("allowanceOwner", TEST_ADDRESS_0);
    await dapp.fill("allowanceSpender", PAGE_SPENDER);
    await dapp.click("getAllowance");
    await expect.poll(() => dapp.text("allowanceAmountResult")).toBe("8.0000");
  });

  it("Transfer From spends an allowance the account gave itself", async () => {
    await dapp.fill("approveTo", TEST_ADDRESS_0);
    await dapp.approveAfter("approveTokens", "send-transaction");
    await expect.poll(() => allowance(TEST_ADDRESS_0, TEST_ADDRESS_0), { timeout: 20_000 }).toBe(70_000n);
    const before = await balanceOf(PAGE_RECIPIENT);
    await dapp.fill("transferFromSenderInput", TEST_ADDRESS_0);
    await dapp.fill("transferFromRecipientInput", PAGE_RECIPIENT);
    await dapp.approveAfter("transferFromTokens", "send-transaction");
    await expect.poll(() => balanceOf(PAGE_RECIPIENT), { timeout: 20_000 }).toBe(before + 15_000n);
    expect(await allowance(TEST_ADDRESS_0, TEST_ADDRESS_0)).toBe(55_000n);
  });

  it("the legacy-gas variants (Transfer and Approve Without Gas) go through", async () => {
    const before = await balanceOf(PAGE_RECIPIENT);
    await dapp.approveAfter("transferTokensWithoutGas", "send-transaction");
    await expect.poll(() => balanceOf(PAGE_RECIPIENT), { timeout: 20_000 }).toBe(before + 15_000n);
    expect((await lastTransaction(fx.anvil.url, TEST_ADDRESS_0)).type).toBe("0x0");
    await dapp.approveAfter("approveTokensWithoutGas", "send-transaction");
    await expect.poll(() => allowance(TEST_ADDRESS_0, PAGE_RECIPIENT), { timeout: 20_000 }).toBe(70_000n);
  });

  it("EIP-747 Add Token with a typed address, symbol and decimals reports success on the page", async () => {
    await dapp.fill("eip747ContractAddress", token);
    await dapp.fill("eip747Symbol", "EIP");
    await dapp.fill("eip747Decimals", "4");
    await dapp.approveAfter("eip747WatchButton", "watch-asset");
    await expect.poll(() => dapp.text("eip747Status")).toBe("NFT added successfully");
    // The page called it EIP; the wallet keeps what the contract itself answers (the window
    // showed the difference as token-symbol-mismatch).
    expect(watched().find((a) => a.address.toLowerCase() === token.toLowerCase())?.symbol).toBe("TST");
  });

  it("a rejected watch shows the page's error", async () => {
    await dapp.rejectAfter("eip747WatchButton");
    await expect
      .poll(() => dapp.text("eip747Status"))
      .toBe("There was an error adding the token. See console for details.");
  });
});
