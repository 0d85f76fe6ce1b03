import type { BrowserContext, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { approvalWindow } from "./browser.js";
import { answer } from "./testDapp.js";

/** The hosts of the remote services a kit tried to reach, each once, sorted. */
export function blockedHosts(blocked: string[]): string[] {
  return [...new Set(blocked.map((url) => new URL(url).hostname))].sort();
}

/** Clicks `target` in the dApp, answers the approval window it opens (of `kind`) with Approve. */
export async function clickApproved(context: BrowserContext, target: Locator, kind: string): Promise<void> {
  const dialog = await approvalWindow(context, () => target.click());
  await answer(dialog, kind);
}

/** The text of one of the kit panel's outputs (test/dapp/kits/kitPanel.ts). */
export const output = (page: Page, testId: string) => page.getByTestId(testId).textContent();

/** Waits for the panel's output `testId` to be filled, failing at once on the panel's error. */
export async function result(page: Page, testId: string): Promise<string> {
  await expect
    .poll(async () => {
      const error = await output(page, "error");
      if (error) throw new Error(error);
      return output(page, testId);
    })
    .not.toBe("");
  return (await output(page, testId)) ?? "";
}

/**
 * A request to the provider Vaughan announced by EIP-6963 (rdns io.vaughan.wallet), as the kits
 * themselves reach it. Not `window.ethereum`: on a page with RainbowKit's MetaMask wallet, the
 * MetaMask SDK it runs puts its own provider there when it sees `isMetaMask` but no MetaMask
 * announcement. { result } or { code }.
 */
export function vaughanRequest(
  page: Page,
  method: string,
  params?: unknown,
): Promise<{ result?: unknown; code?: number }> {
  return page.evaluate(
    async ([method, params]) => {
      type Provider = { request(a: { method: string; params?: unknown }): Promise<unknown> };
      let vaughan: Provider | undefined;
      const found = (event: Event) => {
        const { info, provider } = (event as CustomEvent<{ info: { rdns: string }; provider: Provider }>)
          .detail;
        if (info.rdns === "io.vaughan.wallet") vaughan = provider;
      };
      window.addEventListener("eip6963:announceProvider", found);
      window.dispatchEvent(new Event("eip6963:requestProvider"));
      window.removeEventListener("eip6963:announceProvider", found);
      if (!vaughan) throw new Error("Vaughan did not announce itself");
      try {
        return { result: await vaughan.request({ method: method as string, params }) };
      } catch (e) {
        return { code: (e as { code: number }).code };
      }
    },
    [method, params] as const,
  );
}
