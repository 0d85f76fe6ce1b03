import * as esbuild from "esbuild";
import type { Page } from "playwright-core";
import { type Hex, parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anvilRpc } from "../support/anvil.js";
import { approvalWindow, extensionUrl } from "../support/browser.js";
import { type DeployedFixtures, deployFixtures, fixtureCalldata, mint } from "../support/contracts.js";
import { TEST_ADDRESS_0 } from "../support/host.js";
import { answer, mountTestDapp, type TestDapp } from "../support/testDapp.js";
import { pageRequest, startWallet, type WalletFixture } from "../support/walletFixture.js";

const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const OTHER = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";

type CallsApi = Record<string, (...args: unknown[]) => Promise<unknown>>;
type Waited = {
  status: string;
  statusCode: number;
  atomic: boolean;
  receipts: Array<{ status: string; transactionHash: string }>;
};

/** Runs one of test/dapp/viemCalls.ts's functions in the page. */
function viemCalls<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([name, args]) =>
      (window as unknown as { viemCalls: CallsApi }).viemCalls[name as string]?.(...(args as unknown[])),
    [name, args] as const,
  ) as Promise<T>;
}

/** EIP-5792 in real Chromium on anvil: viem's wallet actions and MetaMask's test-dapp. */
describe("EIP-5792 call batches in Chromium", () => {
  let fx: WalletFixture;
  let contracts: DeployedFixtures;

  beforeAll(async () => {
    fx = await startWallet();
    contracts = await deployFixtures(fx.anvil.url);
    const bundle = await esbuild.build({
      entryPoints: ["test/dapp/viemCalls.ts"],
      bundle: true,
      format: "iife",
      platform: "browser",
      write: false,
      logLevel: "silent",
    });
    await fx.page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? "" });
  });
  afterAll(async () => {
    await fx?.close();
  });

  const balance = async (address: string) =>
    BigInt((await anvilRpc(fx.anvil.url, "eth_getBalance", [address, "latest"])) as Hex);
  const tokenBalance = async (address: string) =>
    BigInt(
      (await anvilRpc(fx.anvil.url, "eth_call", [
        { to: contracts.token, data: await fixtureCalldata("FixtureToken", "balanceOf", [address]) },
        "latest",
      ])) as Hex,
    );

  /** viem's sendCalls through one send-calls approval window; the batch id. */
  const sendThroughWindow = async (calls: Array<{ to: string; data?: string; value?: string }>) => {
    let sent: Promise<{ id: string }> | undefined;
    const dialog = await approvalWindow(fx.context, async () => {
      sent = viemCalls(fx.page, "send", TEST_ADDRESS_0, calls);
    });
    await answer(dialog, "send-calls");
    return ((await sent) as { id: string }).id;
  };

  // In a test, not a hook: answering the window polls with expect.
  it("connects the viem page through the approval window", async () => {
    const dialog = await approvalWindow(fx.context, async () => {
      void pageRequest(fx.page, "eth_requestAccounts");
    });
    await answer(dialog, "connect");
    await expect
      .poll(async () => (await pageRequest(fx.page, "eth_accounts")).result)
      .toEqual([TEST_ADDRESS_0]);
  });

  it("viem's getCapabilities: atomic unsupported on the site's chain", async () => {
    const capabilities = await viemCalls<Record<string, unknown>>(fx.page, "capabilities", TEST_ADDRESS_0);
    expect(capabilities[31337]).toEqual({ atomic: { status: "unsupported" } });
  });

  it("viem's sendCalls: two ETH transfers in one window, waitForCallsStatus reaches 200", async () => {
    const before = [await balance(RECIPIENT), await balance(OTHER)];
    const id = await sendThroughWindow([
      { to: RECIPIENT, value: parseEther("0.01").toString() },
      { to: OTHER, value: parseEther("0.02").toString() },
    ]);
    const result = await viemCalls<Waited>(fx.page, "wait", id);
    expect(result).toMatchObject({ status: "success", statusCode: 200, atomic: false });
    expect(result.receipts.map((r) => r.status)).toEqual(["success", "success"]);
    expect([await balance(RECIPIENT), await balance(OTHER)]).toEqual([
      (before[0] as bigint) + parseEther("0.01"),
      (before[1] as bigint) + parseEther("0.02"),
    ]);

    // Each call is in the popup's activity as a transaction of its own, followed to confirmed.
    const popup = await fx.context.newPage();
    try {
      await popup.goto(extensionUrl("popup.html"));
      await popup.getByTestId("tab-activity").click();
      for (const { transactionHash } of result.receipts) {
        const row = popup.locator(`[data-testid=activity-item][data-hash="${transactionHash}"]`);
        await expect
          .poll(() => row.getAttribute("data-status", { timeout: 15_000 }), { timeout: 20_000 })
          .toBe("confirmed");
        expect(await row.getAttribute("data-kind")).toBe("transaction");
      }
    } finally {
      await popup.close();
    }
  });

  it("viem's sendCalls: approve then transferFrom on the fixture ERC-20, both effects on chain", async () => {
    await mint(fx.anvil.url, "FixtureToken", contracts.token, [TEST_ADDRESS_0, 5000n]);
    const before = await tokenBalance(RECIPIENT);
    const id = await sendThroughWindow([
      {
        to: contracts.token,
        data: await fixtureCalldata("FixtureToken", "approve", [TEST_ADDRESS_0, 1200n]),
      },
      {
        to: contracts.token,
        data: await fixtureCalldata("FixtureToken", "transferFrom", [TEST_ADDRESS_0, RECIPIENT, 1200n]),
      },
    ]);
    const result = await viemCalls<Waited>(fx.page, "wait", id);
    expect(result.statusCode).toBe(200);
    expect(await tokenBalance(RECIPIENT)).toBe(before + 1200n);
    // The allowance was set and then spent: the approve took effect before the transferFrom.
    const allowance = BigInt(
      (await anvilRpc(fx.anvil.url, "eth_call", [
        {
          to: contracts.token,
          data: await fixtureCalldata("FixtureToken", "allowance", [TEST_ADDRESS_0, TEST_ADDRESS_0]),
        },
        "latest",
      ])) as Hex,
    );
    expect(allowance).toBe(0n);
  });

  it("a batch whose second call reverts ends partially reverted (600)", async () => {
    const id = await sendThroughWindow([
      { to: contracts.reverter, data: await fixtureCalldata("Reverter", "succeed", []) },
      { to: contracts.reverter, data: await fixtureCalldata("Reverter", "fail", []) },
    ]);
    const result = await viemCalls<Waited>(fx.page, "wait", id);
    expect(result).toMatchObject({ status: "failure", statusCode: 600 });
    expect(result.receipts.map((r) => r.status)).toEqual(["success", "reverted"]);
  });

  it("viem's showCallsStatus opens the popup on that batch", async () => {
    const id = await sendThroughWindow([{ to: RECIPIENT, value: "1" }]);
    await viemCalls<Waited>(fx.page, "wait", id);
    const popup = fx.context.waitForEvent("page", {
      predicate: (p) => p.url().includes("#calls="),
      timeout: 15_000,
    });
    await viemCalls(fx.page, "show", id);
    const shown = await popup;
    await expect.poll(() => shown.getByTestId("calls-status").getAttribute("data-status")).toBe("200");
    expect(await shown.getByTestId("calls-call").getAttribute("data-state")).toBe("confirmed");
    await shown.close();
    // Another site's id, or none: 5730, and no window.
    expect((await pageRequest(fx.page, "wallet_showCallsStatus", [`0x${"cd".repeat(32)}`])).code).toBe(5730);
  });

  describe("MetaMask's test-dapp, EIP-5792 section", () => {
    let dapp: TestDapp;

    beforeAll(async () => {
      dapp = await mountTestDapp(fx);
    });
    afterAll(async () => {
      await dapp?.close();
    });

    it("connects through the page's Connect button", async () => {
      await dapp.approveAfter("connectButton", "connect");
    });

    it("Get Capabilities shows atomic unsupported for the account", async () => {
      await dapp.click("eip5792GetCapabilitiesButton");
      await expect.poll(() => dapp.text("eip5792GetCapabilitiesResult")).toContain('"unsupported"');
      const shown = JSON.parse(await dapp.text("eip5792GetCapabilitiesResult")) as Record<string, unknown>;
      expect(shown["0x7a69"]).toEqual({ atomic: { status: "unsupported" } });
    });

    it("Send Calls (atomicRequired: true) gets 5760 without any window", async () => {
      await dapp.click("eip5792SendCallsButton");
      await expect.poll(() => dapp.text("eip5792SendCallsError")).toBe("Error: Atomicity not supported");
      expect(fx.context.pages().some((p) => p.url().includes("approval.html"))).toBe(false);
    });

    it("a batch without atomicRequired, then Get Calls Status shows 200 with its receipts", async () => {
      // The page's Send Calls buttons always require atomicity; its own default calls go through
      // the page's provider instead, and its Get Calls Status button reads the result.
      let sent: Promise<{ result?: unknown; code?: number }> | undefined;
      const dialog = await approvalWindow(fx.context, async () => {
        sent = pageRequest(dapp.page, "wallet_sendCalls", [
          {
            version: "2.0.0",
            from: TEST_ADDRESS_0,
            chainId: "0x7a69",
            atomicRequired: false,
            calls: [
              {
                to: "0x0c54FcCd2e384b4BB6f2E405Bf5Cbc15a017AaFb",
                data: "0x654365436543",
                value: "0x3B9ACA00",
              },
              {
                to: "0xbc2114a988e9CEf5bA63548D432024f34B487048",
                data: "0x789078907890",
                value: "0x1DCD6500",
              },
            ],
          },
        ]);
      });
      await answer(dialog, "send-calls");
      const id = ((await sent)?.result as { id?: string } | undefined)?.id;
      expect(id).toMatch(/^0x[0-9a-f]+$/);
      await dapp.fill("eip5792RequestIdInput", id as string);
      await expect
        .poll(
          async () => {
            await dapp.click("eip5792GetCallsStatusButton");
            return dapp.text("eip5792GetCallsStatusResult");
          },
          { timeout: 20_000 },
        )
        .toContain('"status": 200');
      const shown = JSON.parse(await dapp.text("eip5792GetCallsStatusResult")) as {
        id: string;
        atomic: boolean;
        chainId: string;
        receipts: Array<{ status: string }>;
      };
      expect(shown).toMatchObject({ id, atomic: false, chainId: "0x7a69" });
      expect(shown.receipts.map((r) => r.status)).toEqual(["0x1", "0x1"]);
      expect(dapp.blocked.every((url) => !url.startsWith("http://127.0.0.1"))).toBe(true);
    });
  });
});
