// Headless demo: plays the person at the keyboard — clicks the dApp's buttons, unlocks and
// approves in the wallet's windows — and photographs every step. What each step saw on screen
// is returned so a test (and a reader of steps.json) can check the screenshots' claims.
import { join } from "node:path";

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
  return dialog;
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
const settled = (popup, index) =>
  popup.waitForFunction((i) => {
    const pager = document.querySelector(".pager");
    return pager !== null && Math.abs(pager.scrollLeft - i * pager.clientWidth) < 1;
  }, index);

const text = (page, selector) => page.locator(selector).textContent();

/**
 * Drives connect, sign, send and watching a token on the demo page, then the toolbar popup's
 * home, activity and sites, and returns one record per screenshot.
 * @param {{ context: import("playwright-core").BrowserContext, page: import("playwright-core").Page,
 *   password: string, shots: string, popupUrl: string }} opts
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

  // The site asks the wallet to watch the demo token (EIP-747), for the popup's Tokens page.
  const watch = await approvalWindow(context, () => {
    void page.evaluate(
      (address) =>
        window.ethereum.request({
          method: "wallet_watchAsset",
          params: { type: "ERC20", options: { address, symbol: "FTK", decimals: 18 } },
        }),
      token,
    );
  });
  await approve(watch);

  // The toolbar popup at its real size (360 × 600), opened as a page of its own.
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
  await settled(popup, 1);
  await shoot(popup, "popup-activity", {
    activity: await popup
      .getByTestId("activity-item")
      .evaluateAll((rows) => rows.map((r) => ({ kind: r.dataset.kind, status: r.dataset.status }))),
  });
  await popup.getByTestId("tab-sites").click();
  await popup.getByTestId("site").first().waitFor({ timeout: TIMEOUT });
  await settled(popup, 2);
  await shoot(popup, "popup-sites", { sites: await popup.getByTestId("site").allTextContents() });
  await popup.close();
  return steps;
}
