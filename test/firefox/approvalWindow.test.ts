import type { Page } from "puppeteer-core";
import { parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
 * has no favicon API, so the site shows as its initial.
 */
describe("the approval window in Firefox", () => {
  let fx: FirefoxWalletFixture;

  beforeAll(async () => {
    fx = await startFirefoxWallet();
  }, 90_000);
  afterAll(async () => {
    await fx?.close();
  });

  it("shows a transaction with its simulated change, and approves it", async () => {
    const connect = await openApproval(fx.browser, () => request(fx.page, "eth_requestAccounts"));
    await unlockIn(connect.dialog);
    await expect.poll(() => testIdText(connect.dialog, "approval-kind"), { timeout: 15_000 }).toBe("connect");
    await approveIn(connect.dialog);
    expect(await connect.result).toEqual({ result: [TEST_ADDRESS_0] });

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
