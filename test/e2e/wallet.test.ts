import type { Page } from "playwright-core";
import { recoverMessageAddress, verifyTypedData } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ethersMail, testDomain, viemMail } from "../dapp/typedData.js";
import { type Anvil, anvilRpc, startAnvil } from "../support/anvil.js";
import { approvalWindow, extensionUrl } from "../support/browser.js";
import { TEST_ADDRESS_0 } from "../support/host.js";
import {
  approve,
  approved,
  clickClosing,
  minedStatus,
  startWallet,
  unlockIn,
  type WalletFixture,
} from "../support/walletFixture.js";

const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

type Eth = {
  request(a: { method: string; params?: unknown }): Promise<unknown>;
  on(e: string, f: (x: unknown) => void): void;
};

/** Calls `window.ethereum.request` in the page; resolves to { result } or { code, message }. */
function request(page: Page, method: string, params?: unknown) {
  return page.evaluate(
    async ([method, params]) => {
      const eth = (window as unknown as { ethereum: Eth }).ethereum;
      try {
        return { result: await eth.request({ method: method as string, params }) };
      } catch (e) {
        return { code: (e as { code: number }).code, message: (e as Error).message };
      }
    },
    [method, params] as const,
  );
}

/** End to end: viem and ethers dApps against a real anvil through every layer. */
describe("the wallet in Chromium", () => {
  let fx: WalletFixture;
  let second: Anvil;
  let third: Anvil;

  beforeAll(async () => {
    fx = await startWallet();
    second = await startAnvil(31338);
    third = await startAnvil(31339);
    await fx.page.evaluate(() => {
      const eth = (window as unknown as { ethereum: Eth }).ethereum;
      const seen: Array<[string, unknown]> = [];
      (window as unknown as { seen: typeof seen }).seen = seen;
      for (const event of ["accountsChanged", "chainChanged"])
        eth.on(event, (data) => seen.push([event, data]));
    });
  });
  afterAll(async () => {
    await fx?.close();
    await second?.stop();
    await third?.stop();
  });

  const events = () =>
    fx.page.evaluate(() => (window as unknown as { seen: Array<[string, unknown]> }).seen.splice(0));

  it("connects a viem dApp through the approval window, unlocking first", async () => {
    let accounts: Promise<unknown> | undefined;
    const dialog = await approvalWindow(fx.context, async () => {
      accounts = fx.page.evaluate(() =>
        (window as unknown as { viemDapp: { connect(): Promise<unknown> } }).viemDapp.connect(),
      );
    });
    await unlockIn(dialog);
    await expect.poll(() => dialog.getByTestId("approval-kind").textContent()).toBe("connect");
    expect(await dialog.getByTestId("approval-origin").textContent()).toBe(fx.dapp.origin);
    await approve(dialog);
    expect(((await accounts) as string[]).map((a) => a.toLowerCase())).toEqual([TEST_ADDRESS_0]);
    expect(await events()).toContainEqual(["accountsChanged", [TEST_ADDRESS_0]]);
    expect(await request(fx.page, "eth_accounts")).toEqual({ result: [TEST_ADDRESS_0] });
  });

  it("signs a message (EIP-191) that recovers to the account", async () => {
    const signature = await approved(
      fx,
      (page) =>
        page.evaluate(
          (a) =>
            (
              window as unknown as { viemDapp: { signMessage(a: string, m: string): Promise<string> } }
            ).viemDapp.signMessage(a, "hello vaughan"),
          TEST_ADDRESS_0,
        ),
      "sign-message",
    );
    const signer = await recoverMessageAddress({
      message: "hello vaughan",
      signature: signature as `0x${string}`,
    });
    expect(signer.toLowerCase()).toBe(TEST_ADDRESS_0);
  });

  it("signs typed data (EIP-712 v4) that verifies", async () => {
    const signature = (await approved(
      fx,
      (page) =>
        page.evaluate(
          (a) =>
            (
              window as unknown as { viemDapp: { signTypedData(a: string, c: number): Promise<string> } }
            ).viemDapp.signTypedData(a, 31337),
          TEST_ADDRESS_0,
        ),
      "sign-typed-data",
    )) as `0x${string}`;
    const valid = await verifyTypedData({
      address: TEST_ADDRESS_0,
      domain: testDomain(31337),
      ...viemMail(TEST_ADDRESS_0),
      signature,
    });
    expect(valid).toBe(true);
  });

  it("refuses typed data for another chain before asking", async () => {
    const result = await fx.page.evaluate(async (a) => {
      try {
        return await (
          window as unknown as { viemDapp: { signTypedData(a: string, c: number): Promise<string> } }
        ).viemDapp.signTypedData(a, 1);
      } catch (e) {
        return {
          code:
            (e as { code?: number; cause?: { code?: number } }).cause?.code ?? (e as { code?: number }).code,
        };
      }
    }, TEST_ADDRESS_0);
    expect(result).toEqual({ code: -32602 });
  });

  it("sends a transaction that anvil mines", async () => {
    const before = BigInt((await request(fx.page, "eth_getBalance", [RECIPIENT, "latest"])).result as string);
    const hash = (await approved(
      fx,
      (page) =>
        page.evaluate(
          ([a, to]) =>
            (
              window as unknown as { viemDapp: { sendEth(a: string, t: string, e: string): Promise<string> } }
            ).viemDapp.sendEth(a, to, "1.5"),
          [TEST_ADDRESS_0, RECIPIENT] as const,
        ),
      "send-transaction",
    )) as string;
    expect(await minedStatus(fx.page, hash)).toBe("success");
    const after = BigInt((await request(fx.page, "eth_getBalance", [RECIPIENT, "latest"])).result as string);
    expect(after - before).toBe(1_500_000_000_000_000_000n);
  });

  it("serves an ethers v6 BrowserProvider dApp: accounts, signatures, a transaction", async () => {
    const ethers =
      <T>(fn: string, ...args: unknown[]) =>
      (page: Page) =>
        page.evaluate(
          ([fn, args]) =>
            (window as unknown as { ethersDapp: Record<string, (...a: unknown[]) => Promise<T>> }).ethersDapp[
              fn as string
            ]?.(...(args as unknown[])) as Promise<T>,
          [fn, args] as const,
        );
    // Already connected: no window.
    expect(((await ethers<string[]>("connect")(fx.page)) as string[]).map((a) => a.toLowerCase())).toEqual([
      TEST_ADDRESS_0,
    ]);
    expect(await ethers<string>("chainId")(fx.page)).toBe("31337");
    const signature = (await approved(
      fx,
      ethers<string>("signMessage", "from ethers"),
      "sign-message",
    )) as `0x${string}`;
    expect((await recoverMessageAddress({ message: "from ethers", signature })).toLowerCase()).toBe(
      TEST_ADDRESS_0,
    );
    const typed = (await approved(
      fx,
      ethers<string>("signTypedData", 31337),
      "sign-typed-data",
    )) as `0x${string}`;
    expect(
      await verifyTypedData({
        address: TEST_ADDRESS_0,
        domain: testDomain(31337),
        ...ethersMail,
        signature: typed,
      }),
    ).toBe(true);
    const hash = (await approved(
      fx,
      ethers<string>("sendEth", RECIPIENT, "0.25"),
      "send-transaction",
    )) as string;
    expect(await minedStatus(fx.page, hash)).toBe("success");
  });

  it("gives 4001 when the user rejects, and when the window is closed", async () => {
    let pending: Promise<unknown> | undefined;
    const rejectWindow = await approvalWindow(fx.context, async () => {
      pending = request(fx.page, "personal_sign", ["0x68656c6c6f", TEST_ADDRESS_0]);
    });
    await clickClosing(rejectWindow, rejectWindow.getByTestId("reject"));
    expect(await pending).toMatchObject({ code: 4001 });
    const closeWindow = await approvalWindow(fx.context, async () => {
      pending = request(fx.page, "personal_sign", ["0x68656c6c6f", TEST_ADDRESS_0]);
    });
    await closeWindow.close();
    expect(await pending).toMatchObject({ code: 4001 });
  });

  it("adds a second chain and switches between chains, with events", async () => {
    await approved(
      fx,
      (page) =>
        request(page, "wallet_addEthereumChain", [
          {
            chainId: "0x7a6a",
            chainName: "Anvil Two",
            nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
            rpcUrls: [second.url],
          },
        ]),
      "add-chain",
    );
    expect(await request(fx.page, "eth_chainId")).toEqual({ result: "0x7a6a" });
    expect(await events()).toContainEqual(["chainChanged", "0x7a6a"]);
    await approved(
      fx,
      (page) => request(page, "wallet_switchEthereumChain", [{ chainId: "0x7a69" }]),
      "switch-chain",
    );
    expect(await request(fx.page, "eth_chainId")).toEqual({ result: "0x7a69" });
    expect(await events()).toContainEqual(["chainChanged", "0x7a69"]);
    expect(await request(fx.page, "wallet_switchEthereumChain", [{ chainId: "0x999" }])).toMatchObject({
      code: 4902,
    });
  });

  it('ethers v6 switches chain with send(): a BrowserProvider on network "any" follows, a pinned one refuses', async () => {
    const ethers = <T>(fn: string, ...args: unknown[]) =>
      fx.page.evaluate(
        ([fn, args]) =>
          (window as unknown as { ethersDapp: Record<string, (...a: unknown[]) => Promise<T>> }).ethersDapp[
            fn as string
          ]?.(...(args as unknown[])) as Promise<T>,
        [fn, args] as const,
      );
    // Each look runs ethers in the page; on a loaded machine a second is too short for a few.
    const SLOW = { timeout: 10_000 };
    expect(await request(fx.page, "eth_chainId")).toEqual({ result: "0x7a69" });
    expect(await ethers("watchNetwork")).toEqual(["31337", "31337"]);
    // ethers emits its events a moment after the fact: polled.
    await expect.poll(() => ethers("networkEvents"), SLOW).toEqual([["31337", null]]);
    await approved(fx, () => ethers("switchChain", "0x7a6a"), "switch-chain");
    // ethers learns of a change on its next look at the network: the look that finds it still
    // answers the network it had, emits "network" (new, old), and later looks answer the new one.
    await expect.poll(() => ethers("followingChainId"), SLOW).toBe("31338");
    await expect
      .poll(() => ethers("networkEvents"), SLOW)
      .toEqual([
        ["31337", null],
        ["31338", "31337"],
      ]);
    expect(await ethers("pinnedChainId")).toEqual({
      code: "NETWORK_ERROR",
      // ethers' own words, trailing space included.
      message: "network changed: 31337 => 31338 ",
    });
    // The following provider's signer now sends on the second chain, and that chain mines it.
    const before = BigInt((await anvilRpc(second.url, "eth_getBalance", [RECIPIENT, "latest"])) as string);
    const sent = await approved(
      fx,
      () => ethers<{ hash: string; chainId: string }>("sendEthFollowing", RECIPIENT, "0.125"),
      "send-transaction",
    );
    expect(sent.chainId).toBe("31338");
    expect(await anvilRpc(second.url, "eth_getTransactionByHash", [sent.hash])).toMatchObject({
      chainId: "0x7a6a",
    });
    await expect
      .poll(() => anvilRpc(second.url, "eth_getTransactionReceipt", [sent.hash]), { timeout: 10_000 })
      .toMatchObject({ status: "0x1" });
    const after = BigInt((await anvilRpc(second.url, "eth_getBalance", [RECIPIENT, "latest"])) as string);
    expect(after - before).toBe(125_000_000_000_000_000n);
    await approved(fx, () => ethers("switchChain", "0x7a69"), "switch-chain");
    await expect.poll(() => ethers("followingChainId"), SLOW).toBe("31337");
    await expect
      .poll(() => ethers("networkEvents"), SLOW)
      .toEqual([
        ["31337", null],
        ["31338", "31337"],
        ["31337", "31338"],
      ]);
    await events();
  });

  it("viem's addChain({ chain }) and switchChain({ id }) move the wallet, and a send with chain checks it", async () => {
    const anvilThree = {
      id: 31339,
      name: "Anvil Three",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [third.url] } },
    };
    const viem = <T>(fn: string, ...args: unknown[]) =>
      fx.page.evaluate(
        ([fn, args]) =>
          (window as unknown as { viemDapp: Record<string, (...a: unknown[]) => Promise<T>> }).viemDapp[
            fn as string
          ]?.(...(args as unknown[])) as Promise<T>,
        [fn, args] as const,
      );
    const viemError = (fn: string, ...args: unknown[]) =>
      fx.page.evaluate(
        async ([fn, args]) => {
          try {
            await (
              window as unknown as { viemDapp: Record<string, (...a: unknown[]) => Promise<unknown>> }
            ).viemDapp[fn as string]?.(...(args as unknown[]));
            return null;
          } catch (e) {
            // viem wraps what went wrong; walk() is the innermost cause.
            const root = (e as { walk?: () => Error }).walk?.() ?? (e as Error);
            return { name: (e as Error).name, cause: root.name, code: (e as { code?: number }).code };
          }
        },
        [fn, args] as const,
      );
    expect(await viem("chainId")).toBe(31337);
    await approved(fx, () => viem("addChain", anvilThree), "add-chain");
    expect(await viem("chainId")).toBe(31339);
    expect(await events()).toContainEqual(["chainChanged", "0x7a6b"]);
    await approved(fx, () => viem("switchChain", 31337), "switch-chain");
    expect(await viem("chainId")).toBe(31337);
    expect(await events()).toContainEqual(["chainChanged", "0x7a69"]);
    // viem refuses to send for a chain the wallet is not on, before the wallet is asked.
    const windows: string[] = [];
    const onPage = (p: Page) => windows.push(p.url());
    fx.context.on("page", onPage);
    expect(await viemError("sendEthOn", TEST_ADDRESS_0, RECIPIENT, "0.5", anvilThree)).toMatchObject({
      name: "TransactionExecutionError",
      cause: "ChainMismatchError",
    });
    fx.context.off("page", onPage);
    expect(windows).toEqual([]);
    await approved(fx, () => viem("switchChain", 31339), "switch-chain");
    const sent = await approved(
      fx,
      () => viem<{ hash: string; status: string }>("sendEthOn", TEST_ADDRESS_0, RECIPIENT, "0.5", anvilThree),
      "send-transaction",
    );
    expect(sent.status).toBe("success");
    expect(await anvilRpc(third.url, "eth_getTransactionByHash", [sent.hash])).toMatchObject({
      chainId: "0x7a6b",
    });
    // A chain the wallet does not know: EIP-3326's 4902, which viem keeps as the error's code.
    expect(await viemError("switchChain", 99999)).toMatchObject({ code: 4902 });
    await approved(fx, () => viem("switchChain", 31337), "switch-chain");
    expect(await request(fx.page, "eth_chainId")).toEqual({ result: "0x7a69" });
    await events();
  });

  it("revokes from the toolbar popup: eth_accounts becomes [] and the page hears it", async () => {
    const popup = await fx.context.newPage();
    await popup.goto(extensionUrl("popup.html"));
    await expect.poll(() => popup.getByTestId("transport-status").textContent()).toBe("native");
    expect((await popup.getByTestId("account-address").textContent())?.toLowerCase()).toBe(TEST_ADDRESS_0);
    await expect.poll(() => popup.getByTestId("site").allTextContents()).toEqual([fx.dapp.origin]);
    await popup.getByTestId("revoke").click();
    await expect.poll(() => request(fx.page, "eth_accounts")).toEqual({ result: [] });
    await expect.poll(events).toContainEqual(["accountsChanged", []]);
    await popup.close();
  });
});
