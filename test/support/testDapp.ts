import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { anvilRpc } from "./anvil.js";
import { approvalWindow } from "./browser.js";
import { clickClosing, unlockIn, type WalletFixture } from "./walletFixture.js";

/** MetaMask's own end-to-end dApp, as npm ships it (a prebuilt page and its bundle). */
export const TEST_DAPP_DIR = resolve("node_modules/@metamask/test-dapp/dist");

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** True for a URL that stays on this machine (or is not a network address at all). */
export function isLocalUrl(url: URL): boolean {
  if (!/^(https?|wss?):$/.test(url.protocol)) return true;
  return LOOPBACK.has(url.hostname);
}

/**
 * Every request and WebSocket from the browser's pages to anything but loopback fails, so a test
 * can never reach the internet: the test-dapp's fonts, stylesheets from CDNs and WalletConnect's
 * relay simply do not load. (The resolver rule in the launch flags already maps every other name
 * nowhere; this also stops literal IP addresses.)
 */
export async function blockInternet(context: BrowserContext): Promise<string[]> {
  const blocked: string[] = [];
  await context.route(
    (url) => !isLocalUrl(url),
    (route) => {
      blocked.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  await context.routeWebSocket(
    (url) => !isLocalUrl(url),
    (ws) => {
      blocked.push(ws.url());
      return ws.close();
    },
  );
  return blocked;
}

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves a folder's files on 127.0.0.1 and a port of the system's choosing. */
export async function serveFolder(dir: string): Promise<StaticServer> {
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = normalize(join(dir, path === "/" ? "index.html" : path));
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** The test-dapp open in a tab of the wallet's browser, and what a person does with it. */
export interface TestDapp {
  page: Page;
  origin: string;
  /** Requests the browser refused because they left the machine. */
  blocked: string[];
  /** The text of an element by id, trimmed. */
  text(id: string): Promise<string>;
  /** Clicks the page's own button, once it is enabled. */
  click(id: string): Promise<void>;
  /** Clicks the page's button and approves the window that opens (unlocking first if asked). */
  approveAfter(id: string, kind?: string): Promise<void>;
  /** Clicks the page's button and rejects the window that opens. */
  rejectAfter(id: string): Promise<void>;
  fill(id: string, value: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves the test-dapp, blocks the internet for the whole browser, opens the page and waits until
 * it has picked Vaughan (announced by EIP-6963) and read the chain.
 */
export async function mountTestDapp(fx: WalletFixture): Promise<TestDapp> {
  const server = await serveFolder(TEST_DAPP_DIR);
  const blocked = await blockInternet(fx.context);
  const page = await fx.context.newPage();
  await page.goto(`${server.origin}/`);
  // In a hook, not a test: the page's own wait, not expect.poll.
  await page.waitForFunction(
    () =>
      document.getElementById("activeProviderName")?.textContent === "Vaughan" &&
      /^0x/.test(document.getElementById("chainId")?.textContent ?? ""),
    undefined,
    { timeout: 30_000 },
  );
  const button = (id: string) => page.locator(`#${id}`);
  const click = async (id: string) => {
    await expect.poll(() => button(id).isEnabled(), { timeout: 30_000 }).toBe(true);
    await button(id).scrollIntoViewIfNeeded();
    await button(id).click();
  };
  return {
    page,
    origin: server.origin,
    blocked,
    text: async (id) => ((await button(id).textContent()) ?? "").trim(),
    click,
    async approveAfter(id, kind) {
      const dialog = await approvalWindow(fx.context, () => click(id));
      await answer(dialog, kind);
    },
    async rejectAfter(id) {
      const dialog = await approvalWindow(fx.context, () => click(id));
      await clickClosing(dialog, dialog.getByTestId("reject"));
    },
    async fill(id, value) {
      await expect.poll(() => button(id).isEnabled(), { timeout: 30_000 }).toBe(true);
      await button(id).fill(value);
    },
    async close() {
      await page.close();
      await server.close();
    },
  };
}

/**
 * Answers an approval window as a person would: unlock when asked, tick the acknowledgement a
 * danger warning asks for, and click approve once it is enabled. Relies only on the window's
 * public test ids, never on its layout.
 */
export async function answer(dialog: Page, kind?: string): Promise<void> {
  const approve = dialog.getByTestId("approve");
  const unlock = dialog.getByTestId("unlock-password");
  const acknowledge = dialog.getByTestId("approval-acknowledge");
  await expect
    .poll(async () => (await unlock.isVisible()) || (await approve.isVisible()), { timeout: 15_000 })
    .toBe(true);
  if (await unlock.isVisible()) await unlockIn(dialog);
  if (kind) await expect.poll(() => dialog.getByTestId("approval-kind").textContent()).toBe(kind);
  await expect
    .poll(
      async () => {
        if ((await acknowledge.isVisible()) && !(await acknowledge.isChecked())) await acknowledge.check();
        return approve.isEnabled();
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  await clickClosing(dialog, approve);
}

/** The chain's view of the last transaction `from` sent (by nonce), for checks a page does not show. */
export async function lastTransaction(
  rpcUrl: string,
  from: string,
): Promise<{
  hash: string;
  to: string | null;
  type: string;
  status: string;
  contractAddress: string | null;
}> {
  const count = Number(await anvilRpc(rpcUrl, "eth_getTransactionCount", [from, "latest"]));
  const block = (await anvilRpc(rpcUrl, "eth_getBlockByNumber", ["latest", true])) as {
    transactions: Array<{ hash: string; from: string; nonce: string; to: string | null; type: string }>;
  };
  const tx = block.transactions.find(
    (t) => t.from.toLowerCase() === from.toLowerCase() && Number(t.nonce) === count - 1,
  );
  if (!tx) throw new Error(`no transaction with nonce ${count - 1} in the latest block`);
  const receipt = (await anvilRpc(rpcUrl, "eth_getTransactionReceipt", [tx.hash])) as {
    status: string;
    contractAddress: string | null;
  };
  return {
    hash: tx.hash,
    to: tx.to,
    type: tx.type,
    status: receipt.status,
    contractAddress: receipt.contractAddress,
  };
}

/** The account's nonce on the chain (how many transactions it has sent). */
export async function nonceOf(rpcUrl: string, address: string): Promise<number> {
  return Number(await anvilRpc(rpcUrl, "eth_getTransactionCount", [address, "latest"]));
}
