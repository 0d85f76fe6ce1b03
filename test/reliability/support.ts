import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { runHost } from "../support/host.js";
import { clickClosing } from "../support/walletFixture.js";

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

/** Stops the extension's service worker the way Chrome does when idle (docs/testing.md). */
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

/** `n` bare pages on 127.0.0.1, each on its own port: `n` distinct web origins for the provider. */
export async function originServers(n: number): Promise<{ origins: string[]; close(): Promise<void> }> {
  const servers = await Promise.all(
    Array.from({ length: n }, async () => {
      const server = createServer((_req, res) =>
        res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>origin</title>"),
      );
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return server;
    }),
  );
  return {
    origins: servers.map((s) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`),
    close: async () => {
      // The browser keeps connections alive; close() alone would wait for them.
      for (const s of servers) s.closeAllConnections();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

/** Resident memory and open file descriptors of a Linux process, from /proc. */
export function sampleProcess(pid: number): { rssKb: number; fds: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { rssKb, fds: readdirSync(`/proc/${pid}/fd`).length };
}

/**
 * Approve, with a patient wait for the button to arm: with two browsers and 20 windows on a
 * shared 2-core machine, the shared helper's 5 s can pass before a window has even rendered.
 */
export async function approvePatiently(dialog: Page): Promise<void> {
  const button = dialog.getByTestId("approve");
  await expect.poll(() => button.isEnabled(), { timeout: 30_000 }).toBe(true);
  await clickClosing(dialog, button);
}
