/**
 * The MetaMask-compatibility switch: while on (the default), the provider says
 * `isMetaMask: true` for dApps that only know MetaMask. The setting is not secret, so it lives
 * in `storage.local`; the page learns it at document_start, before its first script, from a
 * script registered in its world only while the switch is off (extension/content/compatOff.ts).
 * Registered scripts persist across browser restarts; the background re-checks at start.
 */
import browser from "webextension-polyfill";

const KEY = "metamaskCompat";
const SCRIPT_ID = "vaughan-metamask-compat-off";

/** What `browser.scripting` offers here (the polyfill passes the namespace through untyped). */
interface Scripting {
  getRegisteredContentScripts(filter: { ids: string[] }): Promise<unknown[]>;
  registerContentScripts(scripts: Record<string, unknown>[]): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
}
const scripting = () => (browser as unknown as { scripting: Scripting }).scripting;

export async function metamaskCompat(): Promise<boolean> {
  const stored = await browser.storage.local.get(KEY);
  return stored[KEY] !== false;
}

/** Registers or removes the page-world script so it matches the stored switch. */
export async function syncMetaMaskCompat(): Promise<void> {
  const on = await metamaskCompat();
  const registered = (await scripting().getRegisteredContentScripts({ ids: [SCRIPT_ID] })).length > 0;
  if (on && registered) await scripting().unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (!on && !registered) {
    await scripting().registerContentScripts([
      {
        id: SCRIPT_ID,
        js: ["compat-off.js"],
        matches: ["http://*/*", "https://*/*"],
        runAt: "document_start",
        allFrames: true,
        world: "MAIN",
        persistAcrossSessions: true,
      },
    ]);
  }
}

/** Stores the switch and resolves once pages loaded from now on see it. */
export async function setMetaMaskCompat(on: boolean): Promise<void> {
  await browser.storage.local.set({ [KEY]: on });
  await syncMetaMaskCompat();
}
