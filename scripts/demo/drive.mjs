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

const text = (page, selector) => page.locator(selector).textContent();

/**
 * Drives connect, sign and send on the demo page and returns one record per screenshot.
 * @param {{ context: import("playwright-core").BrowserContext, page: import("playwright-core").Page,
 *   password: string, shots: string, popupUrl: string }} opts
 * @returns {Promise<Array<{ step: string, screenshot: string, saw: Record<string, unknown> }>>}
 */
export async function driveDemo({ context, page, password, shots, popupUrl }) {
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

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 420, height: 520 });
  await popup.goto(popupUrl);
  await popup.getByTestId("account-address").waitFor({ timeout: TIMEOUT });
  await popup.getByTestId("site").first().waitFor({ timeout: TIMEOUT });
  await shoot(popup, "wallet-popup", {
    transport: await popup.getByTestId("transport-status").textContent(),
    account: await popup.getByTestId("account-address").textContent(),
    sites: await popup.getByTestId("site").allTextContents(),
  });
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
