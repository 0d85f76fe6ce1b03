import type { BrowserContext, Frame, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { type Anvil, startAnvil } from "./anvil.js";
import { approvalWindow, launchBrowser } from "./browser.js";
import { type DappServer, startDappServer } from "./dappServer.js";
import { prepareHome, runHostOk, TEST_PASSWORD, type TempDirs, tempDirs } from "./host.js";

export interface WalletFixture {
  dirs: TempDirs;
  anvil: Anvil;
  dapp: DappServer;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Everything real: an anvil chain, a vault from anvil's mnemonic, the host registered in a
 * temporary Chromium profile by `vaughan-host install` itself, the built extension, and a dApp
 * served on 127.0.0.1. The daemon is left for the relay to start.
 */
export async function startWallet(options: { extensionDir?: string } = {}): Promise<WalletFixture> {
  const dirs = tempDirs();
  // Stopped in reverse order, also when set-up fails halfway: nothing is left behind.
  const stops: Array<() => Promise<void>> = [() => dirs.cleanup()];
  const close = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const anvil = await startAnvil(31337);
    stops.push(() => anvil.stop());
    await prepareHome(dirs, anvil);
    await runHostOk(["install", "--browser", "chromium", "--user-data-dir", dirs.profile], dirs);
    const dapp = await startDappServer();
    stops.push(() => dapp.close());
    const context = await launchBrowser({ ...dirs, extensionDir: options.extensionDir });
    stops.push(() => context.close());
    const page = await context.newPage();
    await page.goto(`${dapp.origin}/`);
    return { dirs, anvil, dapp, context, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Waits until Approve is armed, then clicks it. */
export async function approve(dialog: Page): Promise<void> {
  const button = dialog.getByTestId("approve");
  await expect.poll(() => button.isEnabled(), { timeout: 5000 }).toBe(true);
  await clickClosing(dialog, button);
}

/**
 * A real mouse click on a button whose handler closes the window. Playwright's `click()` waits
 * for the page after the click and fails when the page is gone, so press the mouse directly.
 */
export async function clickClosing(dialog: Page, button: Locator): Promise<void> {
  // Long details (typed data) can push the button below the window's fold.
  await button.scrollIntoViewIfNeeded();
  const box = await button.boundingBox();
  if (!box) throw new Error("button not visible");
  const closed = dialog.isClosed() ? Promise.resolve() : dialog.waitForEvent("close", { timeout: 10_000 });
  try {
    await dialog.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  } catch (error) {
    // The window may close before the mouse-up is acknowledged; that is the click working.
    if (!dialog.isClosed()) throw error;
  }
  await closed;
}

/** Unlocks from the approval window's unlock form. */
export async function unlockIn(dialog: Page): Promise<void> {
  await dialog.getByTestId("unlock-password").fill(TEST_PASSWORD);
  await dialog.getByTestId("unlock-submit").click();
}

/**
 * Starts `call` in the page, approves the window it opens, and returns the page's result.
 * `acknowledge`: the request carries a `danger` warning, and the person ticks its box first.
 */
export async function approved<T>(
  fx: WalletFixture,
  call: (page: Page) => Promise<T>,
  expectKind?: string,
  { acknowledge = false } = {},
): Promise<T> {
  let result: Promise<T> | undefined;
  const dialog = await approvalWindow(fx.context, async () => {
    result = call(fx.page);
  });
  if (expectKind) await expect.poll(() => dialog.getByTestId("approval-kind").textContent()).toBe(expectKind);
  if (acknowledge) await dialog.getByTestId("approval-acknowledge").check();
  await approve(dialog);
  return (await result) as T;
}

export { startAnvil };

/** Waits in the page (through the viem dApp and the wallet) for `hash` to be mined; its status. */
export async function minedStatus(page: Page, hash: string): Promise<string> {
  const receipt = await page.evaluate(
    (h) =>
      (
        window as unknown as { viemDapp: { waitForReceipt(h: string): Promise<{ status: string }> } }
      ).viemDapp.waitForReceipt(h),
    hash,
  );
  return receipt.status;
}

/** `window.ethereum.request` in a page or frame: { result } or { code }. */
export function pageRequest(
  target: Page | Frame,
  method: string,
  params?: unknown,
): Promise<{ result?: unknown; code?: number }> {
  return target.evaluate(
    async ([method, params]) => {
      const eth = (
        window as unknown as {
          ethereum: { request(a: { method: string; params?: unknown }): Promise<unknown> };
        }
      ).ethereum;
      try {
        return { result: await eth.request({ method: method as string, params }) };
      } catch (e) {
        return { code: (e as { code: number }).code };
      }
    },
    [method, params] as const,
  );
}
