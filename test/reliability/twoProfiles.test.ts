import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SiteStore } from "../../native-host/src/stores/sites.js";
import { type Anvil, anvilRpc, startAnvil } from "../support/anvil.js";
import { approvalWindow, launchBrowser } from "../support/browser.js";
import { initTestVault, runHost, TEST_ADDRESS_0, type TempDirs, tempDirs } from "../support/host.js";
import { unlockIn } from "../support/walletFixture.js";
import { approvePatiently, type Outcome, originServers, request } from "./support.js";

const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const PER_PROFILE = 10;
const sendTx = (page: Page) =>
  request(page, "eth_sendTransaction", [{ from: TEST_ADDRESS_0, to: RECIPIENT, value: "0x1" }], 60_000);

/**
 * Two browser profiles, one daemon (one VAUGHAN_HOME). One unlock serves both, and
 * 20 concurrent approved transactions (one per origin: the host allows one pending approval
 * per origin and kind) all mine with distinct nonces from the daemon's one nonce sequence.
 */
describe("two browser profiles against one daemon", () => {
  let dirs: TempDirs;
  let anvil: Anvil;
  let servers: Awaited<ReturnType<typeof originServers>>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dirs = tempDirs();
    anvil = await startAnvil(31337);
    servers = await originServers(2 * PER_PROFILE);
    await initTestVault(dirs);
    for (const args of [
      ["chains", "add", "--chain-id", "31337", "--rpc-url", anvil.url, "--name", "Anvil"],
      ["chains", "default", "31337"],
      ["install", "--browser", "chromium", "--user-data-dir", dirs.profile],
      ["install", "--browser", "chromium", "--user-data-dir", join(dirs.root, "profile-b")],
    ]) {
      const result = await runHost(args, dirs);
      if (result.code !== 0) throw new Error(`vaughan-host ${args.join(" ")}: ${result.stderr}`);
    }
    // Connecting 20 origins through windows is not what this test is about: grant them up front.
    const sites = new SiteStore(dirs.home);
    for (const origin of servers.origins) sites.grant(origin, [TEST_ADDRESS_0]);
    contexts.push(
      await launchBrowser(dirs),
      await launchBrowser({ ...dirs, profile: join(dirs.root, "profile-b") }),
    );
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await servers?.close();
    await anvil?.stop();
    await dirs?.cleanup();
  });

  it("one unlock serves both; 20 concurrent approved transactions mine with distinct nonces", {
    timeout: 180_000,
  }, async () => {
    const [a, b] = contexts as [BrowserContext, BrowserContext];
    const pages: Array<{ context: BrowserContext; page: Page }> = [];
    for (const [i, origin] of servers.origins.entries()) {
      const context = i < PER_PROFILE ? a : b;
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      pages.push({ context, page });
    }
    // Unlock once, in profile A.
    let first: Promise<Outcome> | undefined;
    const unlockDialog = await approvalWindow(a, async () => {
      first = sendTx(pages[0]?.page as Page);
    });
    await unlockIn(unlockDialog);
    await approvePatiently(unlockDialog);
    expect(await first).toHaveProperty("result");
    const startNonce = Number.parseInt(
      (await anvilRpc(anvil.url, "eth_getTransactionCount", [TEST_ADDRESS_0, "latest"])) as string,
      16,
    );

    // Start the 20, interleaving the profiles (each origin's and connection's signing budget,
    // protocol/RateLimiter.ts, holds far more), so all 20 are pending together; then approve
    // every window at once. Profile B must never ask to unlock.
    const dialogs: Page[] = [];
    const onPage = (dialog: Page) => {
      if (dialog.url().includes("approval.html")) dialogs.push(dialog);
    };
    a.on("page", onPage);
    b.on("page", onPage);
    const order = pages.map((_, i) => (i % 2 === 0 ? i / 2 : PER_PROFILE + (i - 1) / 2));
    const running: Promise<Outcome>[] = new Array(pages.length);
    for (const index of order) {
      running[index] = sendTx((pages[index] as { page: Page }).page);
    }
    await expect.poll(() => dialogs.length, { timeout: 30_000 }).toBe(2 * PER_PROFILE);
    let unlockForms = 0;
    await Promise.all(
      dialogs.map(async (dialog) => {
        await dialog.waitForLoadState("domcontentloaded");
        await expect
          .poll(() => dialog.getByTestId("approval-kind").textContent(), { timeout: 30_000 })
          .toBe("send-transaction");
        if (await dialog.getByTestId("unlock-password").isVisible()) unlockForms++;
        await approvePatiently(dialog);
      }),
    );
    const outcomes = await Promise.all(running);
    a.off("page", onPage);
    b.off("page", onPage);
    expect(unlockForms).toBe(0);
    const hashes = outcomes.map((o) => ("result" in o ? (o.result as string) : JSON.stringify(o)));
    expect(new Set(hashes).size).toBe(2 * PER_PROFILE);
    const nonces: number[] = [];
    for (const hash of hashes) {
      const receipt = (await anvilRpc(anvil.url, "eth_getTransactionReceipt", [hash])) as {
        status: string;
      } | null;
      expect(receipt?.status, hash).toBe("0x1");
      nonces.push(
        Number.parseInt(
          ((await anvilRpc(anvil.url, "eth_getTransactionByHash", [hash])) as { nonce: string }).nonce,
          16,
        ),
      );
    }
    expect(nonces.sort((x, y) => x - y)).toEqual(
      Array.from({ length: 2 * PER_PROFILE }, (_, i) => startNonce + i),
    );
  });
});
