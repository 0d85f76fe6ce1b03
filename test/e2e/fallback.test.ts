import { type ChildProcess, spawn } from "node:child_process";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extensionUrl } from "../support/browser.js";
import { HOST_SCRIPT, runHost, stopDaemon } from "../support/host.js";
import { startWallet, type WalletFixture } from "../support/walletFixture.js";

type Eth = { request(a: { method: string }): Promise<unknown> };

function chainId(page: Page) {
  return page.evaluate(async () => {
    try {
      return await (window as unknown as { ethereum: Eth }).ethereum.request({ method: "eth_chainId" });
    } catch (e) {
      return (e as { code: number }).code;
    }
  });
}

/**
 * Native messaging hands the extension its WebSocket credential, so when the native
 * host later cannot be used (unregistered here) the fallback works without pairing.
 */
describe("falling back from native messaging to the WebSocket", () => {
  let fx: WalletFixture;
  let serve: ChildProcess | undefined;

  beforeAll(async () => {
    fx = await startWallet();
  });
  afterAll(async () => {
    if (serve && serve.exitCode === null) {
      const exited = new Promise((resolve) => serve?.once("exit", resolve));
      serve.kill("SIGTERM");
      await exited;
    }
    await fx?.close();
  });

  const transport = async () => {
    const popup = await fx.context.newPage();
    await popup.goto(extensionUrl("popup.html"));
    const text = await popup.getByTestId("transport-status").textContent();
    await popup.close();
    return text;
  };

  const transportReason = async () => {
    const options = await fx.context.newPage();
    await options.goto(extensionUrl("options.html"));
    const text = await options.getByTestId("transport-reason").textContent();
    await options.close();
    return text;
  };

  it("uses native messaging first", async () => {
    expect(await chainId(fx.page)).toBe("0x7a69");
    expect(await transport()).toBe("native");
  });

  it("falls back to the WebSocket with the credential native messaging gave it", async () => {
    const events: string[] = [];
    await fx.page.exposeFunction("recordEvent", (name: string) => events.push(name));
    await fx.page.evaluate(() => {
      const eth = (window as unknown as { ethereum: { on(e: string, f: () => void): void } }).ethereum;
      eth.on("disconnect", () =>
        (window as unknown as { recordEvent(n: string): void }).recordEvent("disconnect"),
      );
      eth.on("connect", () => (window as unknown as { recordEvent(n: string): void }).recordEvent("connect"));
    });
    expect(
      (await runHost(["uninstall", "--browser", "chromium", "--user-data-dir", fx.dirs.profile], fx.dirs))
        .code,
    ).toBe(0);
    await stopDaemon(fx.dirs.home);
    await expect.poll(() => events, { timeout: 10_000 }).toContain("disconnect");
    expect(await chainId(fx.page)).toBe(4900);
    serve = spawn(process.execPath, [HOST_SCRIPT, "serve"], {
      env: { ...process.env, VAUGHAN_HOME: fx.dirs.home, HOME: fx.dirs.fakeHome },
      stdio: ["ignore", "pipe", "ignore"],
    });
    await new Promise<void>((resolve) =>
      serve?.stdout?.on("data", (c: Buffer) => c.toString().includes("listening") && resolve()),
    );
    try {
      // 3-6 s here. Chromium throttles the extension's WebSocket connections after the failures
      // while no host ran (webSocketTransport.ts); with a shorter per-port limit this took 17-47 s.
      await expect.poll(() => chainId(fx.page), { timeout: 20_000, interval: 500 }).toBe("0x7a69");
    } catch (error) {
      // Say why the extension found no host (its words per transport), not only that it did not.
      throw new Error(`${(error as Error).message}; transport reason: ${await transportReason()}`);
    }
    expect(await transport()).toBe("websocket");
    await expect.poll(() => events, { timeout: 10_000 }).toContain("connect");
  });

  it("returns to native messaging by itself once it works again", async () => {
    expect(
      (await runHost(["install", "--browser", "chromium", "--user-data-dir", fx.dirs.profile], fx.dirs)).code,
    ).toBe(0);
    // The link retries the preferred transport every 30 s while idle on the fallback.
    await expect.poll(transport, { timeout: 45_000, interval: 2000 }).toBe("native");
    expect(await chainId(fx.page)).toBe("0x7a69");
  }, 60_000);
});
