import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGE_CHANNEL } from "../../protocol/constants.js";
import { approvalWindow, EXTENSION_DIR, extensionUrl } from "../support/browser.js";
import { type DappServer, startDappServer } from "../support/dappServer.js";
import { TEST_ADDRESS_0 } from "../support/host.js";
import {
  approve,
  clickClosing,
  startWallet,
  unlockIn,
  type WalletFixture,
} from "../support/walletFixture.js";

const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
type Eth = { request(a: { method: string; params?: unknown }): Promise<unknown> };
type Answer = { result?: unknown; code?: number };

/** `window.ethereum.request` in a page or frame: { result } or { code }. */
function request(target: Page | Frame, method: string, params?: unknown): Promise<Answer> {
  return target.evaluate(
    async ([method, params]) => {
      const eth = (window as unknown as { ethereum: Eth }).ethereum;
      try {
        return { result: await eth.request({ method: method as string, params }) };
      } catch (e) {
        return { code: (e as { code: number }).code };
      }
    },
    [method, params] as const,
  );
}

/**
 * docs/security.md tests 7, 8, 9 and 14 in a real Chromium with the built extension, the real host
 * and anvil. Three origins keep the rejection counts apart: A (the connected dApp), B (A's port
 * on `localhost`, used as a cross-origin iframe) and C (a second server, never connected).
 */
describe("defenses in the browser", () => {
  let fx: WalletFixture;
  let second: DappServer;
  let pageC: Page;
  let originB: string;

  beforeAll(async () => {
    fx = await startWallet();
    second = await startDappServer();
    originB = fx.dapp.origin.replace("127.0.0.1", "localhost");
    fx.dapp.pages.set(
      "/embed",
      `<!doctype html><title>embed</title><iframe src="${originB}/frame"></iframe>`,
    );
    fx.dapp.pages.set("/frame", "<!doctype html><title>frame</title><p>third party</p>");
    pageC = await fx.context.newPage();
    await pageC.goto(`${second.origin}/`);
  });
  afterAll(async () => {
    await fx?.close();
    await second?.close();
  });

  it("connects A (unlocking first), the site the later tests start from", async () => {
    let accounts: Promise<Answer> | undefined;
    const dialog = await approvalWindow(fx.context, async () => {
      accounts = request(fx.page, "eth_requestAccounts");
    });
    await unlockIn(dialog);
    await expect.poll(() => dialog.getByTestId("approval-kind").textContent()).toBe("connect");
    expect(await dialog.getByTestId("approval-origin").textContent()).toBe(fx.dapp.origin);
    await approve(dialog);
    expect(await accounts).toEqual({ result: [TEST_ADDRESS_0] });
  });

  it("test 7: a body claiming origin https://trusted.example is served as the page's real origin", async () => {
    let answer: Promise<{ id: number; error?: { code: number } }> | undefined;
    const dialog = await approvalWindow(fx.context, async () => {
      answer = pageC.evaluate((channel) => {
        return new Promise<{ id: number; error?: { code: number } }>((resolve) => {
          window.addEventListener("message", (event) => {
            if (event.data?.channel === channel && event.data.dir === "to-page" && event.data.id === 777001)
              resolve(event.data);
          });
          // Raw, as a hostile page would post it: every origin-looking field it can think of.
          window.postMessage(
            {
              channel,
              dir: "to-wallet",
              id: 777001,
              method: "eth_requestAccounts",
              params: [],
              origin: "https://trusted.example",
              sender: { origin: "https://trusted.example", url: "https://trusted.example/" },
            },
            "*",
          );
        });
      }, PAGE_CHANNEL);
    });
    await expect.poll(() => dialog.getByTestId("approval-origin").textContent()).toBe(second.origin);
    expect(await dialog.getByTestId("approval-kind").textContent()).toBe("connect");
    await clickClosing(dialog, dialog.getByTestId("reject"));
    expect((await answer)?.error?.code).toBe(4001);
    expect(await request(pageC, "eth_accounts")).toEqual({ result: [] });
  });

  it("test 8: a cross-origin iframe in a connected site is its own site: no reused grant, its own origin in the prompt", async () => {
    const embed = await fx.context.newPage();
    await embed.goto(`${fx.dapp.origin}/embed`);
    await expect.poll(() => embed.frames().some((f) => f.url().startsWith(`${originB}/frame`))).toBe(true);
    const frame = embed.frames().find((f) => f.url().startsWith(`${originB}/frame`)) as Frame;
    await expect
      .poll(() => frame.evaluate(() => typeof (window as unknown as { ethereum?: unknown }).ethereum))
      .toBe("object");
    // The top frame (A) is connected; the iframe (B) sees nothing of it.
    expect(await request(embed, "eth_accounts")).toEqual({ result: [TEST_ADDRESS_0] });
    expect(await request(frame, "eth_accounts")).toEqual({ result: [] });
    expect(await request(frame, "personal_sign", ["0x6869", TEST_ADDRESS_0])).toEqual({ code: 4100 });
    let answer: Promise<Answer> | undefined;
    const dialog = await approvalWindow(fx.context, async () => {
      answer = request(frame, "eth_requestAccounts");
    });
    await expect.poll(() => dialog.getByTestId("approval-origin").textContent()).toBe(originB);
    expect(await dialog.getByTestId("approval-kind").textContent()).toBe("connect");
    await clickClosing(dialog, dialog.getByTestId("reject"));
    expect(await answer).toEqual({ code: 4001 });
    expect(await request(frame, "eth_accounts")).toEqual({ result: [] });
    await embed.close();
  });

  it("a sandboxed frame (an opaque origin) is refused, never left hanging", async () => {
    fx.dapp.pages.set(
      "/sandboxed",
      `<!doctype html><title>sandboxed</title><script>
        window.ethereum.request({ method: "eth_chainId" }).then(
          (result) => parent.postMessage({ sandboxed: "answered " + result }, "*"),
          (error) => parent.postMessage({ sandboxed: error.code + " " + error.message }, "*"),
        );
      </script>`,
    );
    fx.dapp.pages.set(
      "/sandbox-host",
      `<!doctype html><title>sandbox host</title><script>
        window.addEventListener("message", (e) => { if (e.data && e.data.sandboxed) window.sandboxed = e.data.sandboxed; });
      </script><iframe sandbox="allow-scripts" src="/sandboxed"></iframe>`,
    );
    const page = await fx.context.newPage();
    try {
      await page.goto(`${fx.dapp.origin}/sandbox-host`);
      await page.waitForFunction(
        () => (window as { sandboxed?: string }).sandboxed !== undefined,
        undefined,
        {
          timeout: 10_000,
        },
      );
      expect(await page.evaluate(() => (window as { sandboxed?: string }).sandboxed)).toMatch(/^4100 /);
    } finally {
      await page.close();
    }
  });

  it("test 14: a page cannot load the approval page, and Approve is inert for its first 500 ms", async () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, "manifest.json"), "utf8"));
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.content_security_policy.extension_pages).toContain("frame-ancestors 'none'");
    // Not web-accessible: a page cannot load it at all (so it cannot frame it either). That the
    // CSP alone would stop a frame is shown in audit.test.ts, on a build where it is accessible.
    const target = extensionUrl("approval.html?id=x");
    expect(
      await pageC.evaluate(
        (src) =>
          fetch(src).then(
            () => "loaded",
            () => "refused",
          ),
        target,
      ),
    ).toBe("refused");

    // A click the moment the window shows does nothing.
    let answer: Promise<Answer> | undefined;
    const dialog = await approvalWindow(fx.context, async () => {
      answer = request(pageC, "eth_requestAccounts");
    });
    const button = dialog.getByTestId("approve");
    await button.waitFor({ state: "attached" });
    expect(await button.isDisabled()).toBe(true);
    const box = await button.boundingBox();
    if (box) await dialog.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    // Still disarmed after the click: the click landed inside the inert period.
    expect(await button.isDisabled()).toBe(true);
    const early = await Promise.race([
      answer,
      new Promise((resolve) => setTimeout(() => resolve("pending"), 300)),
    ]);
    expect(early).toBe("pending");
    expect(dialog.isClosed()).toBe(false);
    expect(await dialog.getByTestId("approval-origin").textContent()).toBe(second.origin);
    await expect.poll(() => button.isEnabled(), { timeout: 5000 }).toBe(true);
    await clickClosing(dialog, dialog.getByTestId("reject"));
    expect(await answer).toEqual({ code: 4001 });
  });

  it("requests made in one task travel in one message, each checked and answered on its own", async () => {
    const { answers, posted } = await pageC.evaluate(
      async ([channel, address]) => {
        const posted: string[] = [];
        window.addEventListener("message", (event) => {
          if (event.data?.channel !== channel || event.data.dir !== "to-wallet") return;
          const batch = event.data.batch as Array<{ method: string }> | undefined;
          posted.push(batch ? `[${batch.map((r) => r.method).join(",")}]` : event.data.method);
        });
        const eth = (window as unknown as { ethereum: Eth }).ethereum;
        const settle = (p: Promise<unknown>): Promise<Answer> =>
          p.then(
            (result) => ({ result }),
            (e: { code: number }) => ({ code: e.code }),
          );
        let deep: unknown = [];
        for (let i = 0; i < 100; i++) deep = [deep];
        const params = [address, "latest"];
        const calls = [
          eth.request({ method: "eth_chainId" }),
          eth.request({ method: "eth_getBalance", params }),
        ];
        // Changed once request() has returned: the request before keeps what it was given.
        params[0] = "0x000000000000000000000000000000000000dEaD";
        calls.push(eth.request({ method: "eth_getBalance", params }));
        calls.push(eth.request({ method: "net_version", params: [() => 0] }));
        calls.push(eth.request({ method: "eth_call", params: deep as unknown[] }));
        calls.push(eth.request({ method: "net_version" }));
        const answers = await Promise.all(calls.map(settle));
        return { answers, posted };
      },
      [PAGE_CHANNEL, TEST_ADDRESS_0] as const,
    );
    // The first alone and at once; the rest (less the one that cannot be cloned) together.
    expect(posted).toEqual(["eth_chainId", "[eth_getBalance,eth_getBalance,eth_call,net_version]"]);
    expect(answers).toEqual([
      { result: "0x7a69" },
      await request(pageC, "eth_getBalance", [TEST_ADDRESS_0, "latest"]),
      { result: "0x0" },
      { code: -32602 },
      { code: -32600 },
      { result: "31337" },
    ]);
    expect(answers[1]?.result).not.toBe("0x0");
  });

  it("a page that replaces structuredClone and queueMicrotask cannot stall its own batched requests", async () => {
    const answers = await pageC.evaluate(async () => {
      const w = window as unknown as { structuredClone: unknown; queueMicrotask: unknown; ethereum: Eth };
      const saved = [w.structuredClone, w.queueMicrotask];
      w.structuredClone = (value: unknown) => value;
      w.queueMicrotask = () => {};
      try {
        const calls = [
          w.ethereum.request({ method: "eth_chainId" }),
          w.ethereum.request({ method: "net_version", params: [] }),
          w.ethereum.request({ method: "net_version" }),
        ];
        return await Promise.race([
          Promise.all(calls),
          new Promise((resolve) => setTimeout(() => resolve("hanging"), 5_000)),
        ]);
      } finally {
        [w.structuredClone, w.queueMicrotask] = saved;
      }
    });
    expect(answers).toEqual(["0x7a69", "31337", "31337"]);
  });

  it("a hand-made message of more than 64 requests is refused, each of them answered", async () => {
    const codes = await pageC.evaluate((channel) => {
      return new Promise<unknown[]>((resolve) => {
        const got = new Map<number, unknown>();
        window.addEventListener("message", (event) => {
          if (event.data?.channel !== channel || event.data.dir !== "to-page") return;
          if (typeof event.data.id !== "number" || event.data.id < 888_000) return;
          got.set(event.data.id, event.data.error?.code);
          if (got.size === 65) resolve([...got.values()]);
        });
        const batch = Array.from({ length: 65 }, (_, i) => ({ id: 888_000 + i, method: "eth_chainId" }));
        window.postMessage({ channel, dir: "to-wallet", batch }, "*");
      });
    }, PAGE_CHANNEL);
    expect(codes).toEqual(Array(65).fill(-32600));
    expect(await request(pageC, "eth_chainId")).toEqual({ result: "0x7a69" });
  });

  it("test 9: 100 eth_sendTransaction → one window, 99 × -32002, all settle; a retry works; 3 rejections → 4100 while reads work", async () => {
    const windows: Page[] = [];
    const onPage = (p: Page) => {
      if (p.url().includes("approval.html")) windows.push(p);
    };
    fx.context.on("page", onPage);
    const tx = { from: TEST_ADDRESS_0, to: RECIPIENT, value: "0x1" };
    await fx.page.evaluate((tx) => {
      const eth = (window as unknown as { ethereum: Eth }).ethereum;
      const calls = Array.from({ length: 100 }, () =>
        eth.request({ method: "eth_sendTransaction", params: [tx] }).then(
          (result) => ({ result }),
          (e: { code: number }) => ({ code: e.code }),
        ),
      );
      (window as unknown as { flood: Promise<unknown[]> }).flood = Promise.all(calls);
    }, tx);
    await expect.poll(() => windows.length, { timeout: 15_000 }).toBe(1);
    const dialog = windows[0] as Page;
    await dialog.waitForLoadState("domcontentloaded");
    await expect.poll(() => dialog.getByTestId("approval-kind").textContent()).toBe("send-transaction");
    expect(await dialog.getByTestId("approval-origin").textContent()).toBe(fx.dapp.origin);
    // Give any second window time to appear: none may.
    await fx.page.waitForTimeout(1500);
    expect(windows).toHaveLength(1);
    await expect.poll(() => dialog.getByTestId("approve").isEnabled()).toBe(true);
    await clickClosing(dialog, dialog.getByTestId("reject"));
    const flood = (await fx.page.evaluate(() =>
      Promise.race([
        (window as unknown as { flood: Promise<Answer[]> }).flood,
        new Promise((resolve) => setTimeout(() => resolve("hanging"), 10_000)),
      ]),
    )) as Answer[];
    expect(flood).toHaveLength(100);
    const codes = flood.map((a) => a.code);
    expect(codes.filter((c) => c === 4001)).toHaveLength(1);
    expect(codes.filter((c) => c === -32002)).toHaveLength(99);

    // Rejection 2: a dismissed window cleared the pending state, so a retry is asked again.
    let retry: Promise<Answer> | undefined;
    const again = await approvalWindow(fx.context, async () => {
      retry = request(fx.page, "eth_sendTransaction", [tx]);
    });
    await again.close();
    expect(await retry).toEqual({ code: 4001 });
    // Rejection 3.
    let third: Promise<Answer> | undefined;
    const last = await approvalWindow(fx.context, async () => {
      third = request(fx.page, "personal_sign", ["0x6869", TEST_ADDRESS_0]);
    });
    await clickClosing(last, last.getByTestId("reject"));
    expect(await third).toEqual({ code: 4001 });
    const before = windows.length;
    expect(await request(fx.page, "personal_sign", ["0x6869", TEST_ADDRESS_0])).toEqual({ code: 4100 });
    expect(await request(fx.page, "eth_sendTransaction", [tx])).toEqual({ code: 4100 });
    expect(await request(fx.page, "wallet_switchEthereumChain", [{ chainId: "0x1" }])).toEqual({
      code: 4100,
    });
    expect(await request(fx.page, "eth_chainId")).toEqual({ result: "0x7a69" });
    expect(await request(fx.page, "eth_accounts")).toEqual({ result: [TEST_ADDRESS_0] });
    expect((await request(fx.page, "eth_blockNumber")).result).toMatch(/^0x/);
    await fx.page.waitForTimeout(500);
    expect(windows.length).toBe(before);
    fx.context.off("page", onPage);
  });
});
