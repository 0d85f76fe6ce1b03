import { resolve } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { DEV_EXTENSION_ID } from "../../protocol/extensionId.js";
import { CHROMIUM, chromiumArgs } from "../../scripts/lib/chromium.mjs";

export { CHROMIUM };

export const EXTENSION_DIR = resolve("dist/chrome");

/**
 * Headless Chromium with the built extension (docs/testing.md). Chromium passes its
 * environment to the native host, so VAUGHAN_HOME and HOME here reach the relay and daemon.
 */
export async function launchBrowser(opts: {
  profile: string;
  home: string;
  fakeHome: string;
  /** The unpacked extension to load: the build, unless a test needs a variant of it. */
  extensionDir?: string;
}): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(opts.profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ["--disable-extensions"],
    viewport: null,
    env: { ...process.env, VAUGHAN_HOME: opts.home, HOME: opts.fakeHome },
    args: [...chromiumArgs(opts.extensionDir ?? EXTENSION_DIR)],
  });
  if (context.serviceWorkers().length === 0) await context.waitForEvent("serviceworker", { timeout: 15_000 });
  return context;
}

export const extensionUrl = (path: string) => `chrome-extension://${DEV_EXTENSION_ID}/${path}`;

/** Runs `action` and returns the approval window it opened. */
export async function approvalWindow(context: BrowserContext, action: () => Promise<unknown>): Promise<Page> {
  const popup = context.waitForEvent("page", {
    predicate: (p) => p.url().includes("approval.html"),
    timeout: 15_000,
  });
  await action();
  const page = await popup;
  await page.waitForLoadState("domcontentloaded");
  return page;
}
