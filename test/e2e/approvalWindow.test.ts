import type { Page } from "playwright-core";
import { parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  eip2612Permit,
  FAR_DEADLINE,
  MAX_UINT256,
  siweMessage,
} from "../../scripts/lib/approvalFixtures.mjs";
import { type Anvil, startAnvil } from "../support/anvil.js";
import { approvalWindow } from "../support/browser.js";
import { deployFixture, mint } from "../support/contracts.js";
import { TEST_ADDRESS_0 } from "../support/host.js";
import { type RpcProxy, startRpcProxy } from "../support/rpcProxy.js";
import {
  approve,
  clickClosing,
  pageRequest,
  startWallet,
  unlockIn,
  type WalletFixture,
} from "../support/walletFixture.js";

const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

/**
 * The approval window as a person meets it, in real Chromium with the real extension, daemon and
 * anvil: what each kind says, when approve may be pressed, and the simulation arriving after
 * the window. Timing is asserted only as behaviour (disabled when shown, enabled later).
 */
describe("the approval window", () => {
  let fx: WalletFixture;
  let second: Anvil;
  let third: Anvil;
  let slow: RpcProxy;
  let token: `0x${string}`;

  beforeAll(async () => {
    fx = await startWallet();
    second = await startAnvil(31338);
    third = await startAnvil(31339);
    // A node whose simulation answers only when the test says: the result comes after the window.
    slow = await startRpcProxy(third.url, [], ["eth_simulateV1"]);
    token = await deployFixture(fx.anvil.url, "FixtureToken");
    await mint(fx.anvil.url, "FixtureToken", token, [TEST_ADDRESS_0, parseEther("1234.5")]);
    // The approve button's state the moment it enters the page, before any timer could arm it.
    await fx.context.addInitScript(() => {
      if (!location.pathname.endsWith("/approval.html")) return;
      const seen: boolean[] = [];
      (window as unknown as { approveAtInsert: boolean[] }).approveAtInsert = seen;
      new MutationObserver(() => {
        const button = document.querySelector<HTMLButtonElement>('[data-testid="approve"]');
        if (button && seen.length === 0) seen.push(button.disabled);
      }).observe(document, { childList: true, subtree: true });
    });
  });
  afterAll(async () => {
    await fx?.close();
    slow?.release();
    await slow?.close();
    await third?.stop();
    await second?.stop();
  });

  /** Opens the window `call` causes; the page's answer comes later from `result()`. */
  async function open(call: (page: Page) => Promise<unknown>) {
    let pending: Promise<unknown> | undefined;
    const dialog = await approvalWindow(fx.context, async () => {
      pending = call(fx.page);
    });
    return { dialog, result: () => pending as Promise<unknown> };
  }

  const summary = (dialog: Page) => dialog.getByTestId("approval-summary").textContent();
  const approveAtInsert = (dialog: Page) =>
    dialog.evaluate(() => (window as unknown as { approveAtInsert?: boolean[] }).approveAtInsert?.[0]);

  it("connect: the site in full, not connected yet, a summary, and Connect disabled when shown", async () => {
    const { dialog, result } = await open((page) => pageRequest(page, "eth_requestAccounts"));
    await unlockIn(dialog);
    await expect.poll(() => dialog.getByTestId("approval-kind").textContent()).toBe("connect");
    expect(await approveAtInsert(dialog)).toBe(true);
    expect(await dialog.getByTestId("approval-origin").textContent()).toBe(fx.dapp.origin);
    expect(await dialog.locator(".ap-origin-host").textContent()).toBe("127.0.0.1");
    expect(await dialog.getByTestId("approval-not-connected").isVisible()).toBe(true);
    expect(await summary(dialog)).toBe(`Connect Account 1 to ${new URL(fx.dapp.origin).host}`);
    expect(await dialog.getByTestId("approve").textContent()).toBe("Connect");
    await approve(dialog);
    expect(await result()).toEqual({ result: [TEST_ADDRESS_0] });
  });

  it("add-chain, switch-chain and watch-asset each say what they do", async () => {
    const add = await open((page) =>
      pageRequest(page, "wallet_addEthereumChain", [
        {
          chainId: "0x7a6a",
          chainName: "Anvil Two",
          nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
          rpcUrls: [second.url],
        },
      ]),
    );
    await expect
      .poll(() => summary(add.dialog))
      .toBe("Add the network Anvil Two (chain ID 31338) and switch to it");
    expect(await add.dialog.getByTestId("approval-warning").getAttribute("data-code")).toBe(
      "site-proposed-rpc",
    );
    expect(await add.dialog.getByTestId("approve").textContent()).toBe("Add network");
    await approve(add.dialog);
    expect(await add.result()).toEqual({ result: null });

    const change = await open((page) =>
      pageRequest(page, "wallet_switchEthereumChain", [{ chainId: "0x7a69" }]),
    );
    await expect.poll(() => summary(change.dialog)).toBe("Switch this site from Anvil Two to Anvil");
    expect(await change.dialog.getByTestId("approval-chain").textContent()).toContain("Anvil Two");
    await approve(change.dialog);
    expect(await change.result()).toEqual({ result: null });

    const watch = await open((page) =>
      pageRequest(page, "wallet_watchAsset", {
        type: "ERC20",
        options: { address: token, symbol: "FTK", decimals: 18 },
      }),
    );
    await expect.poll(() => summary(watch.dialog)).toBe("Add FTK (Fixture Token) to your tokens on Anvil");
    expect(await watch.dialog.getByTestId("approval-balance").getAttribute("data-balance")).toBe(
      parseEther("1234.5").toString(),
    );
    expect(await watch.dialog.getByTestId("approval-warning").count()).toBe(0);
    await approve(watch.dialog);
    expect(await watch.result()).toEqual({ result: true });
  });

  it("re-arms approve after the window regains focus", async () => {
    const { dialog, result } = await open((page) =>
      pageRequest(page, "personal_sign", ["0x68656c6c6f", TEST_ADDRESS_0]),
    );
    const button = dialog.getByTestId("approve");
    await expect.poll(() => button.isEnabled(), { timeout: 5000 }).toBe(true);
    // The focus event and the check in one task: nothing can arm it in between.
    const disabledAfterFocus = await dialog.evaluate(() => {
      window.dispatchEvent(new Event("blur"));
      window.dispatchEvent(new Event("focus"));
      return document.querySelector<HTMLButtonElement>('[data-testid="approve"]')?.disabled;
    });
    expect(disabledAfterFocus).toBe(true);
    await expect.poll(() => button.isEnabled(), { timeout: 5000 }).toBe(true);
    await clickClosing(dialog, dialog.getByTestId("reject"));
    expect(await result()).toMatchObject({ code: 4001 });
  });

  it("keeps approve disabled while a danger warning is unacknowledged", async () => {
    // Another site's domain: the page cannot speak for evil.example.
    const siwe = siweMessage({
      domain: "evil.example",
      address: TEST_ADDRESS_0,
      uri: "https://evil.example",
      chainId: 31337,
      nonce: "12345678",
      issuedAt: new Date("2026-01-01T00:00:00.000Z"),
      statement: "Sign in.",
    });
    const { dialog, result } = await open((page) =>
      pageRequest(page, "personal_sign", [siwe, TEST_ADDRESS_0]),
    );
    const danger = dialog.locator('[data-testid="approval-warning"][data-code="siwe-domain-mismatch"]');
    await danger.waitFor();
    expect(await danger.getAttribute("data-severity")).toBe("danger");
    expect(await dialog.getByTestId("approval-siwe").isVisible()).toBe(true);
    const button = dialog.getByTestId("approve");
    const box = dialog.getByTestId("approval-acknowledge");
    // Held by the acknowledgement, not only by the arming delay.
    expect(await button.getAttribute("data-blocked")).toBe("danger");
    expect(await button.isDisabled()).toBe(true);
    // Enter does not approve while the danger is unacknowledged: the window stays open.
    await box.focus();
    await dialog.keyboard.press("Enter");
    expect(await button.isDisabled()).toBe(true);
    await box.check();
    await expect.poll(() => button.isEnabled(), { timeout: 5000 }).toBe(true);
    await box.uncheck();
    expect(await button.isDisabled()).toBe(true);
    await box.check();
    await approve(dialog);
    expect(((await result()) as { result?: string }).result).toMatch(/^0x[0-9a-f]{130}$/);
  });

  it("shows the simulation when it arrives: an ETH send takes the value from the account", async () => {
    const value = parseEther("0.75");
    const { dialog, result } = await open((page) =>
      pageRequest(page, "eth_sendTransaction", [
        { from: TEST_ADDRESS_0, to: RECIPIENT, value: `0x${value.toString(16)}` },
      ]),
    );
    const change = dialog.locator('[data-testid="approval-change"][data-asset="native"]');
    await change.waitFor({ timeout: 15_000 });
    expect(await change.getAttribute("data-delta")).toBe((-value).toString());
    expect(await change.textContent()).toContain("0.75 ETH");
    expect(await dialog.getByTestId("approval-simulation").getAttribute("data-status")).toBe("ok");
    expect(await dialog.getByTestId("approve").textContent()).toBe("Send");
    await approve(dialog);
    const hash = ((await result()) as { result: string }).result;
    expect(hash).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it("warns about an unlimited permit to a plain account and sends the acknowledgement", async () => {
    const permit = eip2612Permit({
      chainId: 31337,
      token,
      tokenName: "Fixture Token",
      owner: TEST_ADDRESS_0,
      spender: RECIPIENT,
      value: MAX_UINT256,
      deadline: FAR_DEADLINE,
    });
    const { dialog, result } = await open((page) =>
      pageRequest(page, "eth_signTypedData_v4", [TEST_ADDRESS_0, JSON.stringify(permit)]),
    );
    const codes = () =>
      dialog
        .getByTestId("approval-warning")
        .evaluateAll((nodes) =>
          nodes.map((n) => `${n.getAttribute("data-severity")}:${n.getAttribute("data-code")}`),
        );
    await expect.poll(codes).toContain("danger:eoa-spender");
    const all = await codes();
    expect(all).toEqual(expect.arrayContaining(["caution:permit", "caution:unlimited-approval"]));
    // Most severe first.
    expect(all[0]).toBe("danger:eoa-spender");
    expect(await dialog.getByTestId("approval-permit").isVisible()).toBe(true);
    await dialog.getByTestId("approval-acknowledge").check();
    await approve(dialog);
    expect(((await result()) as { result?: string }).result).toMatch(/^0x[0-9a-f]{130}$/);
  });

  // Runs once the host's call decoder is in the tree (it arrives with the decode work's merge).
  it("decodes an unlimited ERC-20 approve to a plain account, warns, and needs the acknowledgement", async () => {
    const data = `0x095ea7b3${RECIPIENT.slice(2).padStart(64, "0")}${MAX_UINT256.toString(16)}`;
    const { dialog, result } = await open((page) =>
      pageRequest(page, "eth_sendTransaction", [{ from: TEST_ADDRESS_0, to: token, data }]),
    );
    const call = dialog.getByTestId("approval-call").first();
    await call.waitFor({ state: "attached" });
    expect(await call.getAttribute("data-signature")).toBe("approve(address,uint256)");
    expect(await call.getAttribute("data-standard")).toBe("erc20");
    const codes = () =>
      dialog
        .getByTestId("approval-warning")
        .evaluateAll((nodes) =>
          nodes.map((n) => `${n.getAttribute("data-severity")}:${n.getAttribute("data-code")}`),
        );
    await expect.poll(codes).toContain("danger:eoa-spender");
    expect(await codes()).toContain("caution:unlimited-approval");
    expect(await dialog.getByTestId("approve").textContent()).toBe("Approve spending");
    expect(await dialog.getByTestId("approve").getAttribute("data-blocked")).toContain("danger");
    await approve(dialog, { acknowledge: true });
    expect(((await result()) as { result?: string }).result).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it("sends the fee the person edited, which the host signs with", async () => {
    const { dialog, result } = await open((page) =>
      pageRequest(page, "eth_sendTransaction", [{ from: TEST_ADDRESS_0, to: RECIPIENT, value: "0x1" }]),
    );
    await dialog.getByTestId("approval-fee").getByRole("button", { name: "Edit" }).click();
    await dialog.getByLabel("Gas limit").fill("30000");
    // An invalid field holds approve, whatever the time.
    await dialog.getByLabel("Nonce").fill("x");
    expect(await dialog.getByTestId("approve").getAttribute("data-blocked")).toBe("fee");
    await dialog.getByLabel("Nonce").fill((await dialog.getByLabel("Nonce").getAttribute("value")) ?? "");
    await approve(dialog);
    const hash = ((await result()) as { result: string }).result;
    const tx = (await pageRequest(fx.page, "eth_getTransactionByHash", [hash])).result as { gas: string };
    expect(BigInt(tx.gas)).toBe(30_000n);
  });

  it("renders the simulation pushed after the window is shown", async () => {
    const add = await open((page) =>
      pageRequest(page, "wallet_addEthereumChain", [
        {
          chainId: "0x7a6b",
          chainName: "Slow Anvil",
          nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
          rpcUrls: [slow.url],
        },
      ]),
    );
    await approve(add.dialog);
    expect(await add.result()).toEqual({ result: null });
    const value = parseEther("0.25");
    const { dialog, result } = await open((page) =>
      pageRequest(page, "eth_sendTransaction", [
        { from: TEST_ADDRESS_0, to: RECIPIENT, value: `0x${value.toString(16)}` },
      ]),
    );
    const simulation = dialog.getByTestId("approval-simulation");
    await expect.poll(() => simulation.getAttribute("data-status")).toBe("pending");
    expect(await dialog.getByTestId("approval-change").count()).toBe(0);
    slow.release();
    const change = dialog.locator('[data-testid="approval-change"][data-asset="native"]');
    await change.waitFor({ timeout: 15_000 });
    expect(await change.getAttribute("data-delta")).toBe((-value).toString());
    expect(await simulation.getAttribute("data-status")).toBe("ok");
    // The site chose this node: the result says so beside it.
    expect(await dialog.locator(".ap-note").isVisible()).toBe(true);
    await approve(dialog);
    expect(((await result()) as { result?: string }).result).toMatch(/^0x[0-9a-f]{64}$/);
  });
});
