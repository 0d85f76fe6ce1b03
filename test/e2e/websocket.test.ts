import { type ChildProcess, spawn } from "node:child_process";
import type { BrowserContext, Page } from "playwright-core";
import { recoverMessageAddress } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Anvil, startAnvil } from "../support/anvil.js";
import { approvalWindow, extensionUrl, launchBrowser } from "../support/browser.js";
import { type DappServer, startDappServer } from "../support/dappServer.js";
import {
  HOST_SCRIPT,
  prepareHome,
  runHost,
  TEST_ADDRESS_0,
  type TempDirs,
  tempDirs,
} from "../support/host.js";
import { approve, approved, minedStatus, unlockIn } from "../support/walletFixture.js";

/**
 * End to end: no native host registered at all, a daemon started by the test, pairing
 * done on the options page with `vaughan-host pair`, then the dApp flows over the WebSocket.
 */
describe("the WebSocket fallback in Chromium", () => {
  let dirs: TempDirs;
  let anvil: Anvil;
  let dapp: DappServer;
  let daemon: ChildProcess;
  let port: number;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    dirs = tempDirs();
    anvil = await startAnvil();
    await prepareHome(dirs, anvil);
    daemon = spawn(process.execPath, [HOST_SCRIPT, "serve"], {
      env: { ...process.env, VAUGHAN_HOME: dirs.home, HOME: dirs.fakeHome },
      stdio: ["ignore", "pipe", "ignore"],
    });
    port = await new Promise<number>((resolve, reject) => {
      let out = "";
      daemon.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const match = /^listening ws:\/\/127\.0\.0\.1:(\d+)$/m.exec(out);
        if (match) resolve(Number(match[1]));
      });
      daemon.once("exit", (code) => reject(new Error(`serve exited with ${code}`)));
    });
    dapp = await startDappServer();
    context = await launchBrowser(dirs);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await dapp?.close();
    if (daemon && daemon.exitCode === null) {
      const exited = new Promise((resolve) => daemon.once("exit", resolve));
      daemon.kill("SIGTERM");
      await exited;
    }
    await anvil?.stop();
    await dirs?.cleanup();
  });

  it("reports disconnected with no native host and no pairing, and dApps get 4900", async () => {
    await page.goto(`${dapp.origin}/`);
    const started = Date.now();
    const error = await page.evaluate(async () => {
      try {
        await (
          window as unknown as { ethereum: { request(a: { method: string }): Promise<unknown> } }
        ).ethereum.request({ method: "eth_chainId" });
        return null;
      } catch (e) {
        return (e as { code: number }).code;
      }
    });
    expect(error).toBe(4900);
    expect(Date.now() - started).toBeLessThan(5000);
    const options = await context.newPage();
    await options.goto(extensionUrl("options.html"));
    await expect.poll(() => options.getByTestId("transport-status").textContent()).toBe("disconnected");
    const reason = await options.getByTestId("transport-reason").textContent();
    expect(reason).toContain("native: Specified native messaging host not found.");
    expect(reason).toContain("websocket: not paired for the WebSocket fallback");
    expect(reason).toContain("run `vaughan-host install --browser auto`");
    await options.close();
  });

  it("pairs on the options page with a code from `vaughan-host pair`", async () => {
    const pair = await runHost(["pair"], dirs);
    expect(pair.code).toBe(0);
    const code = pair.stdout.trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const options = await context.newPage();
    await options.goto(extensionUrl("options.html"));
    await options.getByTestId("pairing-code").fill(code);
    await options.getByTestId("pair-submit").click();
    await expect
      .poll(() => options.getByTestId("transport-status").textContent(), { timeout: 15_000 })
      .toBe("websocket");
    const status = JSON.parse((await runHost(["status", "--json"], dirs)).stdout.split("\n")[0] as string);
    expect(status.paired).toEqual([extensionUrl("").replace(/\/$/, "")]);
    await options.close();
  });

  it("runs the dApp flows over the WebSocket: connect after unlock, sign, send", async () => {
    await page.reload();
    expect(
      await page.evaluate(() =>
        (window as unknown as { viemDapp: { chainId(): Promise<number> } }).viemDapp.chainId(),
      ),
    ).toBe(31337);
    let accounts: Promise<unknown> | undefined;
    const dialog = await approvalWindow(context, async () => {
      accounts = page.evaluate(() =>
        (window as unknown as { viemDapp: { connect(): Promise<unknown> } }).viemDapp.connect(),
      );
    });
    await unlockIn(dialog);
    await approve(dialog);
    expect(((await accounts) as string[]).map((a) => a.toLowerCase())).toEqual([TEST_ADDRESS_0]);
    const fx = { context, page } as Parameters<typeof approved>[0];
    const signature = (await approved(
      fx,
      (p) =>
        p.evaluate(
          (a) =>
            (
              window as unknown as { viemDapp: { signMessage(a: string, m: string): Promise<string> } }
            ).viemDapp.signMessage(a, "over ws"),
          TEST_ADDRESS_0,
        ),
      "sign-message",
    )) as `0x${string}`;
    expect((await recoverMessageAddress({ message: "over ws", signature })).toLowerCase()).toBe(
      TEST_ADDRESS_0,
    );
    const hash = (await approved(
      fx,
      (p) =>
        p.evaluate(
          (a) =>
            (
              window as unknown as { viemDapp: { sendEth(a: string, t: string, e: string): Promise<string> } }
            ).viemDapp.sendEth(a, "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", "0.1"),
          TEST_ADDRESS_0,
        ),
      "send-transaction",
    )) as string;
    expect(await minedStatus(page, hash)).toBe("success");
  });

  it("gives a page on another loopback origin nothing from ws://127.0.0.1:PORT", async () => {
    const other = await context.newPage();
    await other.goto(dapp.origin.replace("127.0.0.1", "localhost"));
    const seen = await other.evaluate(
      (port) =>
        new Promise<{ opened: boolean; messages: number }>((resolve) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}`);
          let opened = false;
          let messages = 0;
          ws.onopen = () => {
            opened = true;
            ws.send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_accounts" }));
          };
          ws.onmessage = () => messages++;
          ws.onclose = () => resolve({ opened, messages });
          setTimeout(() => resolve({ opened, messages }), 3000);
        }),
      port,
    );
    expect(seen).toEqual({ opened: false, messages: 0 });
    await other.close();
  });
});
