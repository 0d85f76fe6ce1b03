import type { Page } from "puppeteer-core";
import { parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anvilRpc } from "../support/anvil.js";
import {
  approveIn,
  type FirefoxWalletFixture,
  openApproval,
  startFirefoxWallet,
  testIdText,
  unlockIn,
} from "../support/firefox.js";
import { TEST_ADDRESS_0 } from "../support/host.js";

const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
/** An EIP-7702 delegate: only named at unlock, never called. */
const DELEGATE = "0x00000000000000000000000000000000000d1e7E";
type Eth = { request(a: { method: string; params?: unknown }): Promise<unknown> };

function request(page: Page, method: string, params?: unknown) {
  return page.evaluate(
    async (method, params) => {
      const eth = (window as unknown as { ethereum: Eth }).ethereum;
      try {
        return { result: await eth.request({ method, params }) };
      } catch (e) {
        return { code: (e as { code: number }).code };
      }
    },
    method,
    params,
  );
}

/** The attributes of every element with a test id, as the window shows them. */
function tagged(dialog: Page, id: string, attributes: string[]) {
  return dialog.evaluate(
    (id, attributes) =>
      [...document.querySelectorAll(`[data-testid="${id}"]`)].map((node) =>
        Object.fromEntries(attributes.map((a) => [a, node.getAttribute(a)])),
      ),
    id,
    attributes,
  );
}

/**
 * The approval window in Firefox ESR carries the same test ids as in Chromium for a
 * transaction: the kind, the origin, the summary, the simulated change and the approve label. Firefox
 * has no favicon API, so the site shows as its initial. Its unlock form names an EIP-7702
 * delegation before the request, as Chromium's does.
 */
describe("the approval window in Firefox", () => {
  let fx: FirefoxWalletFixture;

  beforeAll(async () => {
    fx = await startFirefoxWallet();
  }, 90_000);
  afterAll(async () => {
    await fx?.close();
  });

  it("names a delegated account and its delegate at unlock, then shows the request", async () => {
    const rpc = (method: string, params: unknown[]) => anvilRpc(fx.anvil.url, method, params);
    await rpc("anvil_setCode", [TEST_ADDRESS_0, `0xef0100${DELEGATE.slice(2)}`]);
    try {
      const { dialog, result } = await openApproval(fx.browser, () =>
        request(fx.page, "eth_requestAccounts"),
      );
      await unlockIn(dialog);
      await dialog.waitForSelector('[data-testid="unlock-delegation"]', { visible: true, timeout: 15_000 });
      const [notice] = await tagged(dialog, "unlock-delegation", ["data-address", "data-delegate"]);
      expect(notice?.["data-address"]?.toLowerCase()).toBe(TEST_ADDRESS_0);
      expect(notice?.["data-delegate"]).toBe(DELEGATE);
      expect(await testIdText(dialog, "unlock-delegation")).toContain(DELEGATE);
      // The request waits behind the notice until the person goes on.
      expect(await testIdText(dialog, "approval-kind")).toBeUndefined();
      await dialog.click('[data-testid="unlock-continue"]');
      await expect.poll(() => testIdText(dialog, "approval-kind"), { timeout: 15_000 }).toBe("connect");
      await approveIn(dialog);
      expect(await result).toEqual({ result: [TEST_ADDRESS_0] });
    } finally {
      await rpc("anvil_setCode", [TEST_ADDRESS_0, "0x"]);
    }
  });

  it("shows a transaction with its simulated change, and approves it", async () => {
    const value = parseEther("0.5");
    const { dialog, result } = await openApproval(fx.browser, () =>
      request(fx.page, "eth_sendTransaction", [
        { from: TEST_ADDRESS_0, to: RECIPIENT, value: `0x${value.toString(16)}` },
      ]),
    );
    await expect
      .poll(() => testIdText(dialog, "approval-kind"), { timeout: 15_000 })
      .toBe("send-transaction");
    expect(await testIdText(dialog, "approval-origin")).toBe(fx.dapp.origin);
    expect(await testIdText(dialog, "approval-summary")).toContain("0.5 ETH");
    await expect
      .poll(() => tagged(dialog, "approval-change", ["data-asset", "data-delta"]), { timeout: 15_000 })
      .toEqual([{ "data-asset": "native", "data-delta": (-value).toString() }]);
    expect(await tagged(dialog, "approval-simulation", ["data-status"])).toEqual([{ "data-status": "ok" }]);
    expect(await testIdText(dialog, "approve")).toBe("Send");
    expect(await dialog.evaluate(() => document.querySelectorAll(".ap-favicon img").length)).toBe(0);
    expect(await dialog.evaluate(() => document.querySelector(".ap-favicon-initial")?.textContent)).toBe("1");
    await approveIn(dialog);
    expect((await result) as { result?: string }).toMatchObject({
      result: expect.stringMatching(/^0x[0-9a-f]{64}$/),
    });
  });
});
