import type { BrowserContext, Page } from "playwright-core";
import { runHost } from "../support/host.js";

type Eth = {
  request(a: { method: string; params?: unknown }): Promise<unknown>;
  on(e: string, f: (x: unknown) => void): void;
};

/** What a page's `request` settled with, or `hung` when it did not settle within `timeoutMs`. */
export type Outcome = { result: unknown } | { code: number; message: string } | { hung: true };

/** Calls `window.ethereum.request` in the page with a deadline, so a hang is an answer, not a stuck test. */
export function request(page: Page, method: string, params?: unknown, timeoutMs = 15_000): Promise<Outcome> {
  return page.evaluate(
    async ([method, params, timeoutMs]) => {
      const eth = (window as unknown as { ethereum: Eth }).ethereum;
      const call = eth.request({ method: method as string, params }).then(
        (result) => ({ result }),
        (e) => ({ code: (e as { code: number }).code, message: (e as Error).message }),
      );
      const hung = new Promise<{ hung: true }>((r) =>
        setTimeout(() => r({ hung: true }), timeoutMs as number),
      );
      return Promise.race([call, hung]);
    },
    [method, params, timeoutMs] as const,
  );
}

/** Records the provider's `disconnect` events (their codes) in `window.disconnects`. */
export async function recordDisconnects(page: Page): Promise<void> {
  await page.evaluate(() => {
    const list: number[] = [];
    (window as unknown as { disconnects: number[] }).disconnects = list;
    (window as unknown as { ethereum: Eth }).ethereum.on("disconnect", (e) =>
      list.push((e as { code: number }).code),
    );
  });
}

export const disconnects = (page: Page) =>
  page.evaluate(() => (window as unknown as { disconnects: number[] }).disconnects.slice());

/** The running daemon's pid, from `vaughan-host status --json`; null when none runs. */
export async function daemonPid(home: string): Promise<number | null> {
  const status = await runHost(["status", "--json"], { home });
  try {
    return (JSON.parse(status.stdout.split("\n")[0] ?? "{}") as { pid?: number | null }).pid ?? null;
  } catch {
    return null;
  }
}

/** Stops the extension's service worker the way Chrome does when idle (BROWSER-TESTING.md). */
export async function stopServiceWorkers(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("ServiceWorker.enable" as never);
  await cdp.send("ServiceWorker.stopAllWorkers" as never);
  await cdp.detach();
}

/** The account's nonce on the chain: how many transactions it has ever sent. */
export async function txCount(rpcUrl: string, address: string): Promise<number> {
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "eth_getTransactionCount",
      params: [address, "latest"],
    }),
  });
  return Number.parseInt(((await response.json()) as { result: string }).result, 16);
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
