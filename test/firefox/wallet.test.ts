import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { recoverMessageAddress, verifyTypedData } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDomain, viemMail } from "../dapp/typedData.js";
import {
  approveIn,
  clickClosing,
  type FirefoxWalletFixture,
  isGone,
  newExtensionPage,
  openApproval,
  relayPids,
  startFirefoxWallet,
  testIdText,
  unlockIn,
} from "../support/firefox.js";
import { runHost, stopDaemon, TEST_ADDRESS_0 } from "../support/host.js";

const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const IDLE_TIMEOUT_MS = 25_000;

type Dapp = Record<string, (...args: unknown[]) => Promise<unknown>>;
type Eth = { request(a: { method: string; params?: unknown }): Promise<unknown> };

/** Calls the viem test dApp in the page (test/dapp/viem.ts). */
function viem<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    (fn, args) => (window as unknown as { viemDapp: Dapp }).viemDapp[fn]?.(...args) as Promise<T>,
    fn,
    args,
  ) as Promise<T>;
}

/** Calls `window.ethereum.request` in the page; resolves to { result } or { code, message }. */
function request(page: Page, method: string, params?: unknown) {
  return page.evaluate(
    async (method, params) => {
      const eth = (window as unknown as { ethereum: Eth }).ethereum;
      try {
        return { result: await eth.request({ method, params }) };
      } catch (e) {
        return { code: (e as { code: number }).code, message: (e as Error).message };
      }
    },
    method,
    params,
  );
}

/**
 * The same dApp flows as the Chromium end to end (test/e2e/wallet.test.ts), in a real
 * Firefox ESR over WebDriver BiDi, through the add-on's event page, Firefox's native messaging
 * (the manifest `vaughan-host install --browser firefox` wrote into the test's HOME), the
 * relay-started daemon and a real anvil chain.
 */
describe("the wallet in Firefox", () => {
  let fx: FirefoxWalletFixture;
  /** `moz-extension://UUID`, random per install: learnt from the first approval window. */
  let extensionOrigin = "";

  /** Starts `call` in the page, approves the window it opens, and returns the page's result. */
  async function approved<T>(call: () => Promise<T>, kind: string): Promise<T> {
    const { dialog, result } = await openApproval(fx.browser, call);
    await expect.poll(() => testIdText(dialog, "approval-kind"), { timeout: 10_000 }).toBe(kind);
    expect(await testIdText(dialog, "approval-origin")).toBe(fx.dapp.origin);
    await approveIn(dialog);
    return await result;
  }

  beforeAll(async () => {
    // Firefox suspends an idle event page after 30 s by default; 25 s lets one test show that
    // the WebSocket fallback keeps it awake (every 20 s) through a slow approval.
    fx = await startFirefoxWallet({ prefs: { "extensions.background.idle.timeout": IDLE_TIMEOUT_MS } });
  }, 90_000);
  afterAll(async () => {
    await fx?.close();
  });

  it("injects the provider at document_start and announces it over EIP-6963", async () => {
    const seen = await fx.page.evaluate(async () => {
      const names: string[] = [];
      window.addEventListener("eip6963:announceProvider", (event) => {
        names.push((event as CustomEvent<{ info: { name: string; rdns: string } }>).detail.info.rdns);
      });
      window.dispatchEvent(new Event("eip6963:requestProvider"));
      await new Promise((r) => setTimeout(r, 50));
      return {
        names,
        isVaughan: (window as unknown as { ethereum: { isVaughan?: boolean } }).ethereum.isVaughan,
      };
    });
    expect(seen).toEqual({ names: ["io.vaughan.wallet"], isVaughan: true });
    expect(await request(fx.page, "eth_chainId")).toEqual({ result: "0x7a69" });
  });

  it("connects through the approval window, unlocking first", async () => {
    const { dialog, result: accounts } = await openApproval(fx.browser, () =>
      viem<string[]>(fx.page, "connect"),
    );
    extensionOrigin = await dialog.evaluate(() => location.origin);
    expect(extensionOrigin).toMatch(/^moz-extension:\/\/[0-9a-f-]{36}$/);
    await unlockIn(dialog);
    await expect.poll(() => testIdText(dialog, "approval-kind"), { timeout: 15_000 }).toBe("connect");
    expect(await testIdText(dialog, "approval-origin")).toBe(fx.dapp.origin);
    // windows.create's size holds in Firefox: both buttons are inside the popup, no scrolling.
    const fits = await dialog.evaluate(() => {
      const box = document.querySelector('[data-testid="approve"]')?.getBoundingClientRect();
      return box !== undefined && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
    });
    expect(fits).toBe(true);
    await approveIn(dialog);
    expect(((await accounts) ?? []).map((a) => a.toLowerCase())).toEqual([TEST_ADDRESS_0]);
    expect(await request(fx.page, "eth_accounts")).toEqual({ result: [TEST_ADDRESS_0] });
  });

  it("signs a message (personal_sign) that recovers to the account", async () => {
    const signature = await approved(
      () => viem<`0x${string}`>(fx.page, "signMessage", TEST_ADDRESS_0, "hello firefox"),
      "sign-message",
    );
    const signer = await recoverMessageAddress({ message: "hello firefox", signature });
    expect(signer.toLowerCase()).toBe(TEST_ADDRESS_0);
  });

  it("signs typed data (eth_signTypedData_v4) that verifies", async () => {
    const signature = await approved(
      () => viem<`0x${string}`>(fx.page, "signTypedData", TEST_ADDRESS_0, 31337),
      "sign-typed-data",
    );
    const valid = await verifyTypedData({
      address: TEST_ADDRESS_0,
      domain: testDomain(31337),
      ...viemMail(TEST_ADDRESS_0),
      signature,
    });
    expect(valid).toBe(true);
  });

  it("sends a transaction that anvil mines", async () => {
    const balance = async () =>
      BigInt((await request(fx.page, "eth_getBalance", [RECIPIENT, "latest"])).result as string);
    const before = await balance();
    const hash = await approved(
      () => viem<string>(fx.page, "sendEth", TEST_ADDRESS_0, RECIPIENT, "1.5"),
      "send-transaction",
    );
    expect(hash).toMatch(/^0x[0-9a-f]{64}$/);
    const receipt = await viem<{ status: string }>(fx.page, "waitForReceipt", hash);
    expect(receipt.status).toBe("success");
    expect((await balance()) - before).toBe(1_500_000_000_000_000_000n);
  });

  it("serves an ethers v6 BrowserProvider dApp: accounts, chain, a signature", async () => {
    const ethers = <T>(fn: string, ...args: unknown[]) =>
      fx.page.evaluate(
        (fn, args) => (window as unknown as { ethersDapp: Dapp }).ethersDapp[fn]?.(...args) as Promise<T>,
        fn,
        args,
      ) as Promise<T>;
    // Already connected: no window.
    expect((await ethers<string[]>("connect")).map((a) => a.toLowerCase())).toEqual([TEST_ADDRESS_0]);
    expect(await ethers<string>("chainId")).toBe("31337");
    const signature = await approved(
      () => ethers<`0x${string}`>("signMessage", "from ethers"),
      "sign-message",
    );
    expect((await recoverMessageAddress({ message: "from ethers", signature })).toLowerCase()).toBe(
      TEST_ADDRESS_0,
    );
  });

  it("gives 4001 when the user rejects, and when the window is closed", async () => {
    const sign = () => request(fx.page, "personal_sign", ["0x68656c6c6f", TEST_ADDRESS_0]);
    const rejected = await openApproval(fx.browser, sign);
    await clickClosing(rejected.dialog, "reject");
    expect(await rejected.result).toMatchObject({ code: 4001 });
    const { dialog: closeWindow, result: pending } = await openApproval(fx.browser, sign);
    await closeWindow.waitForSelector('[data-testid="approve"]');
    await closeWindow.close();
    expect(await pending).toMatchObject({ code: 4001 });
    expect(await isGone(closeWindow)).toBe(true);
  });

  it("shows the native transport and the account in the toolbar popup page", async () => {
    // BiDi may not navigate a tab to a moz-extension URL, and a web page may not open one that
    // is not web-accessible: an extension page (an approval window) opens popup.html in a tab.
    const { dialog, result: pending } = await openApproval(fx.browser, () =>
      request(fx.page, "personal_sign", ["0x68656c6c6f", TEST_ADDRESS_0]),
    );
    const before = new Set(fx.browser.targets());
    await dialog.evaluate(async () => {
      await (
        globalThis as unknown as { browser: { tabs: { create(o: { url: string }): Promise<unknown> } } }
      ).browser.tabs.create({ url: "/popup.html" });
    });
    const shown = await newExtensionPage(fx.browser, before, "/popup.html");
    await expect.poll(() => testIdText(shown, "transport-status"), { timeout: 10_000 }).toBe("native");
    await expect
      .poll(async () => (await testIdText(shown, "account-address"))?.toLowerCase(), { timeout: 10_000 })
      .toBe(TEST_ADDRESS_0);
    await expect.poll(() => testIdText(shown, "site"), { timeout: 10_000 }).toContain(fx.dapp.origin);
    // The manifest CSP's frame-ancestors 'none' holds in Firefox: not even the add-on's own
    // page can frame one of its pages (a framed approval would invite clickjacking).
    const framed = await shown.evaluate(async () => {
      const frame = document.createElement("iframe");
      frame.src = "/options.html";
      const loaded = new Promise((resolve) => {
        frame.onload = resolve;
        setTimeout(resolve, 3000);
      });
      document.body.append(frame);
      await loaded;
      // Framed, the page would be same-origin and readable; refused, Firefox shows an error
      // page of another origin in its place (checked against a build without the directive).
      try {
        return frame.contentWindow?.location.pathname === "/options.html";
      } catch {
        return false;
      }
    });
    expect(framed).toBe(false);
    // options_page works in Firefox: the popup's Settings link opens it.
    const beforeOptions = new Set(fx.browser.targets());
    await shown.click('[data-testid="open-options"]');
    const options = await newExtensionPage(fx.browser, beforeOptions, "/options.html");
    await expect.poll(() => testIdText(options, "transport-status"), { timeout: 10_000 }).toBe("native");
    await options.close();
    await shown.close();
    // Approved, not rejected: a third rejection would block this site's prompts for a minute.
    await approveIn(dialog);
    expect(await pending).toMatchObject({ result: expect.stringMatching(/^0x[0-9a-f]{130}$/) });
  });

  it("told the host it is Firefox, and the host knew the caller as wallet@vaughan.io", () => {
    const log = readFileSync(join(fx.dirs.home, "logs", "host.log"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(log.filter((e) => e.event === "hello").map((e) => e.browser)).toContain("firefox");
    expect(log.filter((e) => e.event === "session-open").map((e) => e.extensionOrigin)).toContain(
      "firefox:wallet@vaughan.io",
    );
    expect(log.some((e) => e.event === "hello" && e.browser !== "firefox")).toBe(false);
  });

  it("falls back to the WebSocket with the credential native messaging handed over (IndexedDB, WebCrypto)", async () => {
    // Native messaging goes away: the manifest is removed and the relay Firefox started ends.
    expect((await runHost(["uninstall", "--browser", "firefox"], fx.dirs)).code).toBe(0);
    const relays = relayPids(fx.dirs.fakeHome);
    expect(relays.length).toBeGreaterThan(0);
    for (const pid of relays) process.kill(pid, "SIGTERM");
    // The event page reconnects: native now fails ("No such native application"), and the
    // WebSocket handshake signs with the key kept in the event page's IndexedDB.
    await expect
      .poll(async () => (await request(fx.page, "eth_accounts")).result, { timeout: 20_000, interval: 500 })
      .toEqual([TEST_ADDRESS_0]);
    const log = () => readFileSync(join(fx.dirs.home, "logs", "host.log"), "utf8");
    await expect.poll(() => /"transport":"websocket"/.test(log()), { timeout: 10_000 }).toBe(true);
    const signature = await approved(
      () => viem<`0x${string}`>(fx.page, "signMessage", TEST_ADDRESS_0, "over the websocket"),
      "sign-message",
    );
    expect((await recoverMessageAddress({ message: "over the websocket", signature })).toLowerCase()).toBe(
      TEST_ADDRESS_0,
    );
  });

  it("keeps the event page awake on the WebSocket while an approval waits longer than Firefox's idle timeout", async () => {
    // Measured: WebSocket traffic does not count as activity for Firefox, so without an
    // extension API call in the keepalive the event page was suspended, the socket closed and
    // the dApp got 4900 while the user was still reading the approval.
    const sessionsBefore = sessionCloses(fx.dirs.home);
    const { dialog, result } = await openApproval(fx.browser, () =>
      request(fx.page, "personal_sign", ["0x68656c6c6f", TEST_ADDRESS_0]),
    );
    await expect.poll(() => testIdText(dialog, "approval-kind"), { timeout: 10_000 }).toBe("sign-message");
    await new Promise((r) => setTimeout(r, IDLE_TIMEOUT_MS + 7000));
    expect(sessionCloses(fx.dirs.home)).toBe(sessionsBefore);
    await approveIn(dialog);
    expect(await result).toMatchObject({ result: expect.stringMatching(/^0x[0-9a-f]{130}$/) });
  }, 90_000);

  it("answers 4900 within 5 s once neither native messaging nor the daemon is there", async () => {
    await stopDaemon(fx.dirs.home);
    // The WebSocket closes with the daemon; native messaging has no manifest, so Firefox refuses
    // the port at once (its reason in port.error) instead of letting the hello time out.
    await expect
      .poll(async () => (await request(fx.page, "eth_chainId")).code, { timeout: 10_000 })
      .toBe(4900);
    const started = Date.now();
    expect(await request(fx.page, "eth_blockNumber")).toMatchObject({ code: 4900 });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

/** How many host sessions have closed so far (the daemon's log). */
function sessionCloses(home: string): number {
  return readFileSync(join(home, "logs", "host.log"), "utf8")
    .split("\n")
    .filter((line) => line.includes('"event":"session-close"')).length;
}
