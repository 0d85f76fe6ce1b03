import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anvilRpc } from "../support/anvil.js";
import { runHost } from "../support/host.js";
import { startWallet, type WalletFixture } from "../support/walletFixture.js";

/** A page on 127.0.0.1 reaches the native host through every real layer. */
describe("walking skeleton in Chromium", () => {
  let fx: WalletFixture;

  beforeAll(async () => {
    fx = await startWallet();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("announces the wallet over EIP-6963", async () => {
    const info = await fx.page.evaluate(
      () =>
        new Promise<{ name: string; rdns: string; uuid: string; icon: string; isVaughan: boolean }>(
          (resolve) => {
            window.addEventListener("eip6963:announceProvider", (event) => {
              const detail = (event as CustomEvent).detail;
              resolve({ ...detail.info, isVaughan: detail.provider.isVaughan });
            });
            window.dispatchEvent(new Event("eip6963:requestProvider"));
          },
        ),
    );
    expect(info.name).toBe("Vaughan");
    expect(info.rdns).toBe("io.vaughan.wallet");
    expect(info.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(info.icon).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(info.isVaughan).toBe(true);
  });

  it("answers eth_chainId, eth_blockNumber and eth_accounts as anvil and an unconnected wallet should", async () => {
    await anvilRpc(fx.anvil.url, "anvil_mine", ["0x5"]);
    const answers = await fx.page.evaluate(async () => {
      const eth = (window as unknown as { ethereum: { request(a: { method: string }): Promise<unknown> } })
        .ethereum;
      return {
        chainId: await eth.request({ method: "eth_chainId" }),
        blockNumber: await eth.request({ method: "eth_blockNumber" }),
        accounts: await eth.request({ method: "eth_accounts" }),
      };
    });
    expect(answers).toEqual({ chainId: "0x7a69", blockNumber: "0x5", accounts: [] });
  });

  it("rejects an unknown method with 4200", async () => {
    const error = await fx.page.evaluate(async () => {
      const eth = (window as unknown as { ethereum: { request(a: { method: string }): Promise<unknown> } })
        .ethereum;
      try {
        await eth.request({ method: "eth_noSuchMethod" });
        return null;
      } catch (e) {
        return { code: (e as { code: number }).code };
      }
    });
    expect(error).toEqual({ code: 4200 });
  });

  it("refuses params that are too large, too deep or not JSON in the page, and keeps serving", async () => {
    const codes = await fx.page.evaluate(async () => {
      const eth = (window as unknown as { ethereum: { request(a: unknown): Promise<unknown> } }).ethereum;
      const code = (params: unknown) =>
        eth.request({ method: "eth_call", params }).then(
          () => "answered",
          (e: { code: number; message: string }) => `${e.code} ${e.message}`,
        );
      let deep: unknown = [];
      for (let i = 0; i < 70; i++) deep = [deep];
      const cyclic: unknown[] = [];
      cyclic.push(cyclic);
      return {
        large: await code(["x".repeat(1_048_576)]),
        deep: await code([deep]),
        cyclic: await code(cyclic),
        bigint: await code([1n]),
        fn: await code([() => 1]),
        after: await eth.request({ method: "eth_chainId" }),
      };
    });
    expect(codes).toEqual({
      large: "-32600 Request too large",
      deep: "-32600 Request nested too deeply",
      cyclic: "-32600 Request nested too deeply",
      bigint: "-32602 Params must be JSON",
      fn: "-32602 Params cannot be cloned",
      after: "0x7a69",
    });
  });

  it("sends nothing for a page until it uses the provider", async () => {
    // A page that looks for a wallet, as many do, and never uses it: neither the background nor
    // the host (whose log would otherwise be a history of every frame visited) hears of it.
    const origin = fx.dapp.origin.replace("127.0.0.1", "localhost");
    fx.dapp.pages.set(
      "/quiet",
      `<!doctype html><title>quiet</title><script>
        window.addEventListener("eip6963:announceProvider", (e) => { window.found = e.detail.info.rdns; });
        window.dispatchEvent(new Event("eip6963:requestProvider"));
        window.isVaughan = window.ethereum.isVaughan;
      </script>`,
    );
    const page = await fx.context.newPage();
    try {
      await page.goto(`${origin}/quiet`);
      expect(
        await page.evaluate(() => [
          (window as { found?: string }).found,
          (window as { isVaughan?: boolean }).isVaughan,
        ]),
      ).toEqual(["io.vaughan.wallet", true]);
      // Listening is using: the provider learns the chain and says `connect`.
      const connected = await page.evaluate(
        () =>
          new Promise((resolve) => {
            setTimeout(() => resolve("no connect event within 5 s"), 5000);
            (window as unknown as { ethereum: { on(e: string, l: (i: unknown) => void): void } }).ethereum.on(
              "connect",
              resolve,
            );
          }),
      );
      expect(connected).toEqual({ chainId: "0x7a69" });
      await page.evaluate(() =>
        (
          window as unknown as { ethereum: { request(a: { method: string }): Promise<unknown> } }
        ).ethereum.request({
          method: "eth_blockNumber",
        }),
      );
      // The host logs each request just after answering it, in order: once the second is there,
      // everything this origin ever sent is there.
      const methods = () =>
        readdirSync(join(fx.dirs.home, "logs"))
          .flatMap((file) => readFileSync(join(fx.dirs.home, "logs", file), "utf8").split("\n"))
          .filter((line) => line.includes(`"origin":"${origin}"`))
          .map((line) => (JSON.parse(line) as { method: string }).method);
      await expect.poll(methods, { timeout: 5000 }).toContain("eth_blockNumber");
      expect(methods()).toEqual(["eth_chainId", "eth_blockNumber"]);
    } finally {
      await page.close();
    }
  });

  it("reached a daemon that the relay started, not the test", async () => {
    const status = JSON.parse((await runHost(["status", "--json"], fx.dirs)).stdout.split("\n")[0] as string);
    expect(status.running).toBe(true);
    expect(typeof status.pid).toBe("number");
    expect(status.locked).toBe(true);
  });
});
