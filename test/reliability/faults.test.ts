import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvalWindow } from "../support/browser.js";
import { TEST_ADDRESS_0 } from "../support/host.js";
import {
  approve,
  clickClosing,
  startWallet,
  unlockIn,
  type WalletFixture,
} from "../support/walletFixture.js";
import {
  alive,
  daemonPid,
  disconnects,
  type Outcome,
  recordDisconnects,
  request,
  stopServiceWorkers,
  txCount,
} from "./support.js";

const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const sendTx = (page: Page) =>
  request(page, "eth_sendTransaction", [{ from: TEST_ADDRESS_0, to: RECIPIENT, value: "0x1" }], 20_000);

/** The daemon and the service worker die mid-request; nothing hangs, nothing runs twice. */
describe("faults in Chromium", () => {
  let fx: WalletFixture;

  beforeAll(async () => {
    fx = await startWallet();
    await recordDisconnects(fx.page);
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("daemon SIGKILLed with an approval pending: 4900 within ~1 s, disconnect, the link comes back with a new daemon", async () => {
    expect(await request(fx.page, "eth_chainId")).toEqual({ result: "0x7a69" });
    const pid = await daemonPid(fx.dirs.home);
    expect(pid).not.toBeNull();
    let pending: Promise<Outcome> | undefined;
    const dialog = await approvalWindow(fx.context, async () => {
      pending = request(fx.page, "eth_requestAccounts");
    });
    const started = Date.now();
    process.kill(pid as number, "SIGKILL");
    const outcome = await pending;
    const elapsed = Date.now() - started;
    expect(outcome).toMatchObject({ code: 4900 });
    console.log(`daemon killed: pending request rejected 4900 after ${elapsed} ms`);
    // Behaviour, not speed: "within ~1 s" with room for a loaded 2-core machine.
    expect(elapsed).toBeLessThan(2500);
    await expect.poll(() => disconnects(fx.page)).toContain(4900);
    await expect.poll(() => dialog.isClosed()).toBe(true);
    // The link comes back by itself (a retry 1 s after the loss) and a request joins that attempt.
    // A daemon's cold start can outlast one request's 4.5 s budget on a loaded 2-core machine, and
    // that request then gets 4900 as the interface promises; the wallet must be back soon after.
    await expect
      .poll(() => request(fx.page, "eth_chainId"), { timeout: 20_000, interval: 500 })
      .toEqual({ result: "0x7a69" });
    const next = await daemonPid(fx.dirs.home);
    expect(next).not.toBeNull();
    expect(next).not.toBe(pid);
    expect(alive(next as number)).toBe(true);
  });

  it("connects after the restart (the new daemon starts locked)", async () => {
    let accounts: Promise<Outcome> | undefined;
    const dialog = await approvalWindow(fx.context, async () => {
      accounts = request(fx.page, "eth_requestAccounts");
    });
    await unlockIn(dialog);
    await approve(dialog);
    expect(await accounts).toEqual({ result: [TEST_ADDRESS_0] });
  });

  it("service worker stopped with reads in flight: each completes or rejects 4900, none hangs", async () => {
    const methods = ["eth_chainId", "eth_blockNumber", "eth_accounts", "net_version", "eth_chainId"];
    const inFlight = methods.map((m) => request(fx.page, m, [], 10_000));
    await stopServiceWorkers(fx.context, fx.page);
    for (const outcome of await Promise.all(inFlight)) {
      expect(outcome).not.toHaveProperty("hung");
      if ("code" in outcome) expect(outcome.code).toBe(4900);
    }
    expect(await request(fx.page, "eth_chainId")).toEqual({ result: "0x7a69" });
  });

  it("service worker stopped with a transaction awaiting approval: 4900, a stale Approve sends nothing, the replay sends once", async () => {
    const before = await txCount(fx.anvil.url, TEST_ADDRESS_0);
    let pending: Promise<Outcome> | undefined;
    const stale = await approvalWindow(fx.context, async () => {
      pending = sendTx(fx.page);
    });
    await stopServiceWorkers(fx.context, fx.page);
    expect(await pending).toMatchObject({ code: 4900 });
    // The window of the lost request, if still open, must not be able to send anything now.
    if (!stale.isClosed()) {
      const button = stale.getByTestId("approve");
      if (await button.isEnabled().catch(() => false))
        await clickClosing(stale, button).catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(await txCount(fx.anvil.url, TEST_ADDRESS_0)).toBe(before);
    let replay: Promise<Outcome> | undefined;
    const dialog = await approvalWindow(fx.context, async () => {
      replay = sendTx(fx.page);
    });
    await approve(dialog);
    const outcome = await replay;
    expect(outcome).toHaveProperty("result");
    // Once in CI, under load, the count read right after the hash came back was still `before`:
    // anvil mines its block after answering the send. Wait for it, then make sure no second follows.
    await expect.poll(() => txCount(fx.anvil.url, TEST_ADDRESS_0), { timeout: 5000 }).toBe(before + 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(await txCount(fx.anvil.url, TEST_ADDRESS_0)).toBe(before + 1);
  });

  it("service worker stopped right after Approve: at most one transaction per approval", async () => {
    const before = await txCount(fx.anvil.url, TEST_ADDRESS_0);
    let approvals = 0;
    let hashes = 0;
    for (let attempt = 0; attempt < 2; attempt++) {
      let pending: Promise<Outcome> | undefined;
      const dialog = await approvalWindow(fx.context, async () => {
        pending = sendTx(fx.page);
      });
      const button = dialog.getByTestId("approve");
      await expect.poll(() => button.isEnabled(), { timeout: 5000 }).toBe(true);
      approvals++;
      await Promise.all([
        clickClosing(dialog, button).catch(() => undefined),
        stopServiceWorkers(fx.context, fx.page),
      ]);
      const outcome = (await pending) as Outcome;
      expect(outcome).not.toHaveProperty("hung");
      if ("result" in outcome) hashes++;
      else expect(outcome).toMatchObject({ code: 4900 });
    }
    await new Promise((r) => setTimeout(r, 500));
    const sent = (await txCount(fx.anvil.url, TEST_ADDRESS_0)) - before;
    expect(sent).toBeGreaterThanOrEqual(hashes);
    expect(sent).toBeLessThanOrEqual(approvals);
  });
});
