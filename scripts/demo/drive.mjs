// Headless demo: plays the person at the keyboard — clicks the dApp's buttons, unlocks and
// approves in the wallet's windows — and photographs every step. What each step saw on screen
// is returned so a test (and a reader of steps.json) can check the screenshots' claims.
import { join } from "node:path";
import { eip2612Permit, FAR_DEADLINE, MAX_UINT256, siweMessage, utf8Hex } from "../lib/approvalFixtures.mjs";

const TIMEOUT = 30_000;

/** Runs `action` and returns the approval window it opened (start listening first: it opens fast). */
async function approvalWindow(context, action) {
  const opened = context.waitForEvent("page", {
    predicate: (p) => p.url().includes("approval.html"),
    timeout: TIMEOUT,
  });
  await action();
  const dialog = await opened;
  await dialog.waitForLoadState("domcontentloaded");
  // Headless Chromium ignores the popup's size: photograph it at the size the wallet opens it.
  await dialog.setViewportSize({ width: 400, height: 680 });
  return dialog;
}

/** Waits until the window has said everything it will: armed, or held by a danger to acknowledge. */
async function windowSettled(dialog) {
  const button = dialog.getByTestId("approve");
  await button.waitFor({ timeout: TIMEOUT });
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    if (await button.isEnabled()) return;
    const blocked = await button.getAttribute("data-blocked");
    const pending = await dialog.locator('[data-status="pending"]').count();
    if (blocked?.includes("danger") && pending === 0) {
      // Past the arming delay too, so the picture is the one a person would act on.
      await dialog.waitForFunction(() => performance.now() > 800, null, { timeout: TIMEOUT });
      return;
    }
    if (Date.now() > deadline) throw new Error("The approval window never settled");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Rejects in the window (the window closes). */
async function reject(dialog) {
  const button = dialog.getByTestId("reject");
  const box = await button.boundingBox();
  if (!box) throw new Error("Reject is not visible");
  const closed = dialog.waitForEvent("close", { timeout: TIMEOUT });
  await dialog.mouse.click(box.x + box.width / 2, box.y + box.height / 2).catch((error) => {
    if (!dialog.isClosed()) throw error;
  });
  await closed;
}

/** `window.ethereum.request` in the dApp page, as its own code would call it; { result } or { code }. */
function ask(page, method, params) {
  return page.evaluate(
    async ([method, params]) => {
      try {
        return { result: await window.ethereum.request({ method, params }) };
      } catch (e) {
        return { code: e.code, message: e.message };
      }
    },
    [method, params],
  );
}

/** Waits until Approve is armed (it is disabled for a moment after the window shows). */
async function armed(dialog) {
  const button = dialog.getByTestId("approve");
  const deadline = Date.now() + TIMEOUT;
  while (!(await button.isEnabled())) {
    if (Date.now() > deadline) throw new Error("Approve never became enabled");
    await new Promise((r) => setTimeout(r, 50));
  }
  return button;
}

/**
 * Clicks Approve once it is armed. Approve closes its window, so press the mouse directly:
 * Playwright's click() would wait on a page that is gone.
 */
async function approve(dialog) {
  const button = await armed(dialog);
  const box = await button.boundingBox();
  if (!box) throw new Error("Approve is not visible");
  const closed = dialog.waitForEvent("close", { timeout: TIMEOUT });
  // The window may close while the click is still being delivered; that is the success case.
  await dialog.mouse.click(box.x + box.width / 2, box.y + box.height / 2).catch((error) => {
    if (!dialog.isClosed()) throw error;
  });
  await closed;
}

/** Once the popup's pages have scrolled to page `index`: the photograph shows it, not the way there. */
const pageShown = (popup, index) =>
  popup.waitForFunction((i) => {
    const pager = document.querySelector(".pager");
    return pager !== null && Math.abs(pager.scrollLeft - i * pager.clientWidth) < 1;
  }, index);

const text = (page, selector) => page.locator(selector).textContent();

/**
 * Drives connect, sign, send and watching a token on the demo page, then the toolbar popup's
 * home, activity and sites, and returns one record per screenshot.
 * @param {{ context: import("playwright-core").BrowserContext, page: import("playwright-core").Page,
 *   password: string, shots: string, popupUrl: string, token: string }} opts
 * @returns {Promise<Array<{ step: string, screenshot: string, saw: Record<string, unknown> }>>}
 */
export async function driveDemo({ context, page, password, shots, popupUrl, token }) {
  const steps = [];
  let n = 0;
  const shoot = async (target, step, saw) => {
    const screenshot = join(shots, `${String(++n).padStart(2, "0")}-${step}.png`);
    await target.screenshot({ path: screenshot });
    steps.push({ step, screenshot, saw });
    process.stderr.write(`  ${steps.length}. ${step}: ${JSON.stringify(saw)}\n`);
  };
  const kindOf = async (dialog) => {
    await dialog.getByTestId("approval-kind").waitFor({ timeout: TIMEOUT });
    // Photograph the window as the person clicks it: with Approve armed.
    await armed(dialog);
    return {
      kind: await dialog.getByTestId("approval-kind").textContent(),
      origin: await dialog.getByTestId("approval-origin").textContent(),
    };
  };

  await shoot(page, "dapp", { account: await text(page, "#account") });

  const connect = await approvalWindow(context, () => page.click("#connect"));
  await connect.getByTestId("unlock-password").fill(password);
  await shoot(connect, "unlock", { unlockForm: await connect.getByTestId("unlock-submit").isVisible() });
  await connect.getByTestId("unlock-submit").click();
  await shoot(connect, "connect-approval", await kindOf(connect));
  await approve(connect);
  await page.locator("#account.ok").waitFor({ timeout: TIMEOUT });
  await page.locator("#chain", { hasText: /\d/ }).waitFor({ timeout: TIMEOUT });
  await shoot(page, "connected", {
    account: await text(page, "#account"),
    chainId: Number(await text(page, "#chain")),
  });

  const sign = await approvalWindow(context, () => page.click("#sign"));
  await shoot(sign, "sign-approval", await kindOf(sign));
  await approve(sign);
  await page.locator("#signature", { hasText: /^0x/ }).waitFor({ timeout: TIMEOUT });
  await shoot(page, "signed", { signature: await text(page, "#signature") });

  const send = await approvalWindow(context, () => page.click("#send"));
  await shoot(send, "send-approval", await kindOf(send));
  await approve(send);
  await page.locator("#receipt", { hasText: /^status / }).waitFor({ timeout: TIMEOUT });
  await shoot(page, "mined", { tx: await text(page, "#tx"), receipt: await text(page, "#receipt") });

  await tour({ context, page, token, shoot });

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.goto(popupUrl);
  await popup.getByTestId("account-address").waitFor({ timeout: TIMEOUT });
  await popup.getByTestId("balance").waitFor({ timeout: TIMEOUT });
  await popup.getByTestId("token").first().waitFor({ timeout: TIMEOUT });
  await shoot(popup, "wallet-popup", {
    transport: await popup.getByTestId("transport-status").textContent(),
    account: await popup.getByTestId("account-address").textContent(),
    balanceWei: await popup.getByTestId("balance").getAttribute("data-wei"),
    tokens: await popup
      .getByTestId("token")
      .evaluateAll((rows) => rows.map((r) => ({ address: r.dataset.address, balance: r.dataset.balance }))),
  });
  await popup.getByTestId("tab-activity").click();
  await popup.getByTestId("activity-item").first().waitFor({ timeout: TIMEOUT });
  await pageShown(popup, 1);
  await shoot(popup, "popup-activity", {
    activity: await popup
      .getByTestId("activity-item")
      .evaluateAll((rows) => rows.map((r) => ({ kind: r.dataset.kind, status: r.dataset.status }))),
  });
  await popup.getByTestId("tab-sites").click();
  await popup.getByTestId("site").first().waitFor({ timeout: TIMEOUT });
  await pageShown(popup, 2);
  await shoot(popup, "popup-sites", { sites: await popup.getByTestId("site").allTextContents() });
  await popup.getByTestId("open-send").click();
  await popup.getByTestId("send-from").waitFor({ timeout: TIMEOUT });
  await shoot(popup, "popup-send", {});
  await popup.close();

  // The options page's screens, as a person setting the wallet up sees them.
  const options = await context.newPage();
  await options.setViewportSize({ width: 720, height: 900 });
  const optionsUrl = popupUrl.replace("popup.html", "options.html");
  await options.goto(`${optionsUrl}#settings`);
  await options.getByTestId("transport-status").waitFor({ timeout: TIMEOUT });
  await shoot(options, "options-settings", {
    transport: await options.getByTestId("transport-status").textContent(),
  });
  await options.goto(`${optionsUrl}#accounts`);
  await options.getByTestId("account-row").first().waitFor({ timeout: TIMEOUT });
  await shoot(options, "options-accounts", { accounts: await options.getByTestId("account-row").count() });
  await options.goto(`${optionsUrl}#networks`);
  await options.getByTestId("network").first().waitFor({ timeout: TIMEOUT });
  await shoot(options, "options-networks", { networks: await options.getByTestId("network").count() });
  await options.goto(`${optionsUrl}#send`);
  await options.getByTestId("send-to").fill("0x90F79bf6EB2c4f870365E785982E1f101E93b906");
  await options.getByTestId("send-amount").fill("0.1");
  await options.getByTestId("send-review").click();
  await options.getByTestId("send-submit").waitFor({ timeout: TIMEOUT });
  await shoot(options, "options-send", {
    warnings: await options
      .getByTestId("send-warning")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-code"))),
  });
  await options.close();
  return steps;
}

const RECIPIENT = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

/** What the window says, for steps.json: its kind, summary and warnings. */
async function seen(dialog) {
  return {
    kind: await dialog.getByTestId("approval-kind").textContent(),
    summary: await dialog.getByTestId("approval-summary").textContent(),
    warnings: await dialog
      .getByTestId("approval-warning")
      .evaluateAll((nodes) => nodes.map((n) => `${n.dataset.severity}:${n.dataset.code}`)),
  };
}

/**
 * Every other kind of approval, as a dApp would ask for each: a network to switch to and one to
 * add (both rejected: the demo stays offline on its devnet), a token to watch, an unlimited
 * token approval (decoded and simulated), a permit to a plain account (warned), a sign-in.
 */
async function tour({ context, page, token, shoot }) {
  const account = (await ask(page, "eth_accounts")).result[0];
  const step = async (name, method, params, answer) => {
    let pending;
    const dialog = await approvalWindow(context, async () => {
      pending = ask(page, method, params);
    });
    await windowSettled(dialog);
    await shoot(dialog, name, await seen(dialog));
    await answer(dialog);
    return pending;
  };

  await step("switch-chain-approval", "wallet_switchEthereumChain", [{ chainId: "0x1" }], reject);
  await step(
    "add-chain-approval",
    "wallet_addEthereumChain",
    [
      {
        chainId: "0x2105",
        chainName: "Base",
        nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
        rpcUrls: ["https://base-rpc.example"],
        blockExplorerUrls: ["https://basescan.example"],
      },
    ],
    reject,
  );
  await step(
    "watch-asset-approval",
    "wallet_watchAsset",
    { type: "ERC20", options: { address: token, symbol: "DEMO", decimals: 18 } },
    approve,
  );
  const approveData = `0x095ea7b3${RECIPIENT.slice(2).toLowerCase().padStart(64, "0")}${MAX_UINT256.toString(16)}`;
  await step(
    "token-approval",
    "eth_sendTransaction",
    [{ from: account, to: token, data: approveData }],
    async (dialog) => {
      await dialog.locator("details.ap-details > summary").click();
      await dialog.getByTestId("approval-call").first().scrollIntoViewIfNeeded();
      await shoot(dialog, "token-approval-details", await seen(dialog));
      // The spender is an account, not a contract: a danger the person acknowledges first.
      await dialog.getByTestId("approval-acknowledge").check();
      await approve(dialog);
    },
  );
  const permit = eip2612Permit({
    chainId: 31337,
    token,
    tokenName: "Demo Token",
    owner: account,
    spender: RECIPIENT,
    value: MAX_UINT256,
    deadline: FAR_DEADLINE,
  });
  await step("permit-approval", "eth_signTypedData_v4", [account, JSON.stringify(permit)], async (dialog) => {
    await dialog.getByTestId("approval-acknowledge").check();
    await approve(dialog);
  });
  const site = new URL(page.url());
  const siwe = siweMessage({
    domain: site.host,
    address: account,
    uri: site.origin,
    chainId: 31337,
    nonce: "8d1f03a2c4",
    statement: "Sign in to the Vaughan demo.",
  });
  await step("sign-in-approval", "personal_sign", [utf8Hex(siwe), account], approve);
}
