import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  recoverPersonalSignature,
  recoverTypedSignature,
  SignTypedDataVersion,
} from "@metamask/eth-sig-util";
import type { Page } from "playwright-core";
import { stringToHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { permitBatch, V1_ENTRIES, v3Mail } from "../dapp/testDappTypedData.js";
import { approvalWindow, extensionUrl, launchBrowser } from "../support/browser.js";
import { TEST_ADDRESS_0 } from "../support/host.js";
import {
  approve,
  approved,
  pageRequest as request,
  startWallet,
  unlockIn,
  type WalletFixture,
} from "../support/walletFixture.js";

type Eth = { request(a: { method: string; params?: unknown }): Promise<unknown> };

/**
 * What a page's very first script sees, read synchronously in <head> before anything else ran,
 * and the EIP-6963 announcement it then gets.
 */
const FIRST_READ = `<!doctype html><head><script>
  window.firstRead = { isMetaMask: window.ethereum && window.ethereum.isMetaMask, isVaughan: window.ethereum && window.ethereum.isVaughan };
  window.announced = [];
  window.addEventListener("eip6963:announceProvider", (e) => window.announced.push({ name: e.detail.info.name, isMetaMask: e.detail.provider.isMetaMask }));
  window.dispatchEvent(new Event("eip6963:requestProvider"));
</script></head><body>first read</body>`;

/** MetaMask compatibility in real Chromium: isMetaMask and its switch, and MetaMask's leniencies. */
describe("MetaMask compatibility in Chromium", () => {
  let fx: WalletFixture;

  beforeAll(async () => {
    fx = await startWallet();
    fx.dapp.pages.set("/first.html", FIRST_READ);
  });
  afterAll(async () => {
    // The test relaunches the browser; the fixture closes the first one only.
    await fx?.context.close();
    await fx?.close();
  });

  const firstRead = async (page: Page) => {
    await page.goto(`${fx.dapp.origin}/first.html`);
    return page.evaluate(() => {
      const w = window as unknown as { firstRead: unknown; announced: unknown };
      return { first: w.firstRead, announced: w.announced };
    });
  };

  /** Flips the options page's switch and waits until it is saved. */
  const setCompat = async (on: boolean) => {
    const options = await fx.context.newPage();
    await options.goto(extensionUrl("options.html"));
    const box = options.getByTestId("metamask-compat");
    expect(await box.isChecked()).toBe(!on);
    await box.setChecked(on);
    await expect.poll(() => options.getByTestId("metamask-compat-result").textContent()).toContain("Saved");
    await options.close();
  };

  it("says isMetaMask by default to a page's first script; the announcement names Vaughan", async () => {
    expect(await firstRead(fx.page)).toEqual({
      first: { isMetaMask: true, isVaughan: true },
      announced: [{ name: "Vaughan", isMetaMask: true }],
    });
  });

  it("the options switch turns it off for pages loaded next, across a browser restart, and on again", async () => {
    await setCompat(false);
    const off = {
      first: { isMetaMask: false, isVaughan: true },
      announced: [{ name: "Vaughan", isMetaMask: false }],
    };
    expect(await firstRead(fx.page)).toEqual(off);
    await fx.context.close();
    fx.context = await launchBrowser(fx.dirs);
    // An extension loaded from the command line (as here) loses its registered scripts at a
    // restart, and the background registers it again on `onInstalled`; an installed one keeps
    // them. Either way the script is back before a page can be loaded: wait for that.
    const worker = fx.context.serviceWorkers()[0];
    await expect
      .poll(() =>
        worker?.evaluate(async () => {
          const { scripting } = (
            globalThis as unknown as {
              chrome: { scripting: { getRegisteredContentScripts(): Promise<unknown[]> } };
            }
          ).chrome;
          return (await scripting.getRegisteredContentScripts()).length;
        }),
      )
      .toBe(1);
    fx.page = await fx.context.newPage();
    expect(await firstRead(fx.page)).toEqual(off);
    await setCompat(true);
    expect((await firstRead(fx.page)).first).toEqual({ isMetaMask: true, isVaughan: true });
  });

  describe("MetaMask's leniencies, signed through the approval window", () => {
    it("connects (unlocking first)", async () => {
      await fx.page.goto(`${fx.dapp.origin}/`);
      const dialog = await approvalWindow(fx.context, async () => {
        void request(fx.page, "eth_requestAccounts");
      });
      await unlockIn(dialog);
      await expect.poll(() => dialog.getByTestId("approval-kind").textContent()).toBe("connect");
      await approve(dialog);
      await expect
        .poll(async () => (await request(fx.page, "eth_accounts")).result)
        .toEqual([TEST_ADDRESS_0]);
    });

    it("the legacy sendAsync as MetaMask's takes it: a callback or a promise, one payload or a batch answered in order", async () => {
      const answers = await fx.page.evaluate(async () => {
        type Legacy = {
          sendAsync(p: unknown, cb?: (e: unknown, r: unknown) => void): Promise<unknown> | undefined;
          send(p: unknown, cb: (e: unknown, r: unknown) => void): unknown;
        };
        const eth = (window as unknown as { ethereum: Legacy }).ethereum;
        const viaCallback = (call: (cb: (e: unknown, r: unknown) => void) => unknown) =>
          new Promise((resolve) =>
            call((error, response) =>
              resolve({ error: error === null ? null : (error as { code: number }).code, response }),
            ),
          );
        const batch = [
          { id: 1, jsonrpc: "2.0", method: "eth_chainId" },
          { id: 2, jsonrpc: "2.0", method: "no_suchMethod" },
          { id: 3, jsonrpc: "2.0", method: "eth_accounts", params: [] },
        ];
        return {
          one: await viaCallback((cb) => eth.sendAsync({ id: 7, jsonrpc: "2.0", method: "eth_chainId" }, cb)),
          oneFails: await viaCallback((cb) =>
            eth.sendAsync({ id: 8, jsonrpc: "2.0", method: "no_suchMethod" }, cb),
          ),
          batch: await viaCallback((cb) => eth.sendAsync(batch, cb)),
          batchPromise: await eth.sendAsync(batch),
          onePromise: await eth.sendAsync({ id: 9, jsonrpc: "2.0", method: "net_version" }),
          empty: await eth.sendAsync([]),
          legacySend: await viaCallback((cb) => eth.send(batch.slice(0, 1), cb)),
        };
      });
      const chainId = { jsonrpc: "2.0", result: "0x7a69" };
      const unsupported = { jsonrpc: "2.0", error: { code: 4200, message: expect.any(String) } };
      const inOrder = [
        { id: 1, ...chainId },
        { id: 2, ...unsupported },
        { id: 3, jsonrpc: "2.0", result: [TEST_ADDRESS_0] },
      ];
      expect(answers).toMatchObject({
        one: { error: null, response: { id: 7, ...chainId } },
        oneFails: { error: 4200, response: { id: 8, ...unsupported } },
        batch: { error: null, response: inOrder },
        batchPromise: inOrder,
        onePromise: { id: 9, jsonrpc: "2.0", result: "31337" },
        empty: [{ id: null, jsonrpc: "2.0", error: { code: -32600 } }],
        legacySend: { error: null, response: [{ id: 1, ...chainId }] },
      });
    });

    const sign = (
      method: string,
      params: unknown[],
      options: { expectDanger?: string; acknowledge?: boolean } = {},
    ) =>
      approved(fx, (page) => request(page, method, params), undefined, options).then(
        (r) => r.result as string,
      );

    it("personal_sign with web3.js's third parameter, and with [address, text]", async () => {
      const text = "Example `personal_sign` message";
      const hex = stringToHex(text);
      const withPassword = await sign("personal_sign", [hex, TEST_ADDRESS_0, "Example password"]);
      expect(recoverPersonalSignature({ data: hex, signature: withPassword })).toBe(TEST_ADDRESS_0);
      const swappedText = await sign("personal_sign", [TEST_ADDRESS_0, text]);
      expect(recoverPersonalSignature({ data: hex, signature: swappedText })).toBe(TEST_ADDRESS_0);
      expect(await request(fx.page, "personal_ecRecover", [hex, swappedText])).toEqual({
        result: TEST_ADDRESS_0,
      });
    });

    it("eth_signTypedData (v1), _v3, and a Permit2 PermitBatch with v4, as eth-sig-util recovers them", async () => {
      const v1 = await sign("eth_signTypedData", [V1_ENTRIES, TEST_ADDRESS_0]);
      expect(
        recoverTypedSignature({ data: V1_ENTRIES, signature: v1, version: SignTypedDataVersion.V1 }),
      ).toBe(TEST_ADDRESS_0);
      const mail = v3Mail(31337);
      const v3 = await sign("eth_signTypedData_v3", [TEST_ADDRESS_0, JSON.stringify(mail)]);
      expect(
        recoverTypedSignature({ data: mail as never, signature: v3, version: SignTypedDataVersion.V3 }),
      ).toBe(TEST_ADDRESS_0);
      const batch = permitBatch(31337);
      // The batch's spender has no code on this chain: a danger the person must acknowledge.
      const v4 = await sign("eth_signTypedData_v4", [TEST_ADDRESS_0, JSON.stringify(batch)], {
        expectDanger: "eoa-spender",
        acknowledge: true,
      });
      expect(
        recoverTypedSignature({ data: batch as never, signature: v4, version: SignTypedDataVersion.V4 }),
      ).toBe(TEST_ADDRESS_0);
    });

    it("ten signatures in a row, each approved as soon as approve arms, meet no -32005", async () => {
      for (let i = 0; i < 10; i++) {
        const message = stringToHex(`approval ${i}`);
        const signature = await sign("personal_sign", [message, TEST_ADDRESS_0]);
        expect(recoverPersonalSignature({ data: message, signature })).toBe(TEST_ADDRESS_0);
      }
    });

    it("revoking: the page's eth_accounts in its accountsChanged listener already reads []; a second revoke emits nothing", async () => {
      await fx.page.evaluate(() => {
        const seen: unknown[] = [];
        (window as unknown as { seen: unknown[] }).seen = seen;
        const eth = (
          window as unknown as { ethereum: Eth & { on(e: string, f: (x: unknown) => void): void } }
        ).ethereum;
        // What a dApp does on the event: ask again. The background answers eth_accounts from
        // its copy, which must already hold the change.
        eth.on("accountsChanged", async (a) => seen.push([a, await eth.request({ method: "eth_accounts" })]));
      });
      const revoke = () => request(fx.page, "wallet_revokePermissions", [{ eth_accounts: {} }]);
      expect(await request(fx.page, "eth_accounts")).toEqual({ result: [TEST_ADDRESS_0] });
      expect(await revoke()).toEqual({ result: null });
      await expect
        .poll(() => fx.page.evaluate(() => (window as unknown as { seen: unknown[] }).seen))
        .toEqual([[[], []]]);
      expect(await revoke()).toEqual({ result: null });
      // A request after the second revoke is answered after any event it caused would have arrived.
      expect(await request(fx.page, "eth_accounts")).toEqual({ result: [] });
      expect(await fx.page.evaluate(() => (window as unknown as { seen: unknown[] }).seen)).toEqual([
        [[], []],
      ]);
    });
  });

  describe("limits a real dApp never meets", () => {
    /** The host's request lines for this dApp's origin and `method` (the daemon's own log). */
    const hostRequests = (method: string) =>
      readdirSync(join(fx.dirs.home, "logs"))
        .flatMap((f) =>
          readFileSync(join(fx.dirs.home, "logs", f), "utf8")
            .trim()
            .split("\n"),
        )
        .map((line) => JSON.parse(line) as { event?: string; origin?: string; method?: string })
        .filter((l) => l.event === "request" && l.origin === fx.dapp.origin && l.method === method).length;

    it("1,000 sequential eth_chainId from one page all succeed, answered by the background", async () => {
      expect(await request(fx.page, "eth_chainId")).toEqual({ result: "0x7a69" });
      const blockNumbers = hostRequests("eth_blockNumber");
      await request(fx.page, "eth_blockNumber");
      await expect.poll(() => hostRequests("eth_blockNumber"), { timeout: 5000 }).toBe(blockNumbers + 1);
      const before = hostRequests("eth_chainId");
      const answers = await fx.page.evaluate(async () => {
        const eth = (window as unknown as { ethereum: Eth }).ethereum;
        const seen = new Set<unknown>();
        for (let i = 0; i < 1000; i++)
          seen.add(await eth.request({ method: "eth_chainId" }).catch((e) => e.code));
        return [...seen];
      });
      expect(answers).toEqual(["0x7a69"]);
      // The host logs every request it answers: after the one that filled the background's
      // copy, none of the 1,000 reached it (a read after them marks where the log must be).
      await request(fx.page, "eth_blockNumber");
      await expect.poll(() => hostRequests("eth_blockNumber"), { timeout: 5000 }).toBe(blockNumbers + 2);
      expect(hostRequests("eth_chainId")).toBe(before);
    });

    it("200 concurrent eth_call from one page all succeed (past the in-flight cap they wait in line)", async () => {
      const answers = await fx.page.evaluate(async () => {
        const eth = (window as unknown as { ethereum: Eth }).ethereum;
        const calls = Array.from({ length: 200 }, (_, i) =>
          eth
            .request({
              method: "eth_call",
              params: [{ to: `0x${(i + 0x1000).toString(16).padStart(40, "0")}`, data: "0x" }, "latest"],
            })
            .catch((e: { code: number }) => e.code),
        );
        return [...new Set(await Promise.all(calls))];
      });
      expect(answers).toEqual(["0x"]);
    });
  });
});
