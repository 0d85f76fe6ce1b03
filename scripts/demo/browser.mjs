// Chromium with the built extension in a temporary profile (docs/testing.md).
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { CHROMIUM, chromiumArgs } from "../lib/chromium.mjs";
import { CHROME_DIR } from "../lib/extension.mjs";

/**
 * Launches Chromium on `profile`. Chromium hands its environment to the native host it spawns,
 * so `env` (VAUGHAN_HOME, HOME) decides which data folder the wallet uses.
 * @param {{ profile: string, env: NodeJS.ProcessEnv, headless: boolean }} opts
 */
export async function launchChromium({ profile, env, headless }) {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: install it or set CHROMIUM_PATH`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    // Playwright disables extensions by default; without this the wallet silently does not load.
    ignoreDefaultArgs: ["--disable-extensions"],
    viewport: null,
    env,
    // The demo's own handlers stop the browser with everything else; Playwright's would exit
    // the process mid-cleanup and leave anvil, the daemon and the temporary folder behind.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [...chromiumArgs(CHROME_DIR), "--window-size=1000,760"],
  });
  if (context.serviceWorkers().length === 0) await context.waitForEvent("serviceworker", { timeout: 15_000 });
  return context;
}
