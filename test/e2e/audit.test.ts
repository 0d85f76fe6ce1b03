import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvalWindow, EXTENSION_DIR, extensionUrl } from "../support/browser.js";
import { runHostOk, TEST_PASSWORD } from "../support/host.js";
import { pendingApprovals } from "../support/localPeer.js";
import { approve, clickClosing, startWallet, type WalletFixture } from "../support/walletFixture.js";

type Eth = { request(a: { method: string; params?: unknown }): Promise<unknown> };
type Answer = { result?: unknown; code?: number; message?: string };

/** `window.ethereum.request` in a page or frame: { result } or { code, message }. */
function request(target: Page | Frame, method: string, params?: unknown): Promise<Answer> {
  return target.evaluate(
    async ([method, params]) => {
      const eth = (window as unknown as { ethereum: Eth }).ethereum;
      try {
        return { result: await eth.request({ method: method as string, params }) };
      } catch (e) {
        return { code: (e as { code: number }).code, message: (e as Error).message };
      }
    },
    [method, params] as const,
  );
}

/** A server on 127.0.0.1 and a port of the system's choosing; `handle` may be swapped per test. */
interface Endpoint {
  url: string;
  origin: string;
  /** Every request it received: method, path and body. */
  seen: Array<{ method: string; path: string; body: string }>;
  handle: (body: string, res: ServerResponse, req: IncomingMessage) => void;
  close(): Promise<void>;
}

async function startEndpoint(
  handle: Endpoint["handle"] = (_, res) => res.writeHead(404).end(),
): Promise<Endpoint> {
  const endpoint = { seen: [], handle } as unknown as Endpoint;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      endpoint.seen.push({ method: req.method ?? "", path: req.url ?? "", body });
      endpoint.handle(body, res, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  endpoint.origin = `http://127.0.0.1:${port}`;
  endpoint.url = `${endpoint.origin}/rpc`;
  endpoint.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return endpoint;
}

/** Answers one JSON-RPC request with `result`. */
function rpcResult(body: string, res: ServerResponse, result: unknown): void {
  const { id } = JSON.parse(body) as { id: number };
  res
    .writeHead(200, { "content-type": "application/json" })
    .end(JSON.stringify({ jsonrpc: "2.0", id, result }));
}

const addChain = (chainId: string, rpcUrl: string) => [
  {
    chainId,
    chainName: "Proposed",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: [rpcUrl],
  },
];

/** Approval windows open now. */
const openApprovals = (fx: WalletFixture) =>
  fx.context.pages().filter((p) => !p.isClosed() && p.url().includes("approval.html"));

/**
 * What the security audit found any web page could do, each in a real Chromium with the
 * extension, the real host and anvil, the page as the attacker: use the host as a network
 * proxy, take the wallet down with one request or one answer, spam windows from iframes, stack
 * prompts, and frame the approval page.
 *
 * The extension loaded is the build with one change, made in a copy: `approval.html` is
 * web-accessible. The build's approval page is not, so a page cannot even load it and framing
 * fails for that reason alone; here it can be loaded, so only its CSP (`frame-ancestors 'none'`)
 * stands between a page and a framed approval window, and the framing test shows that it does.
 */
describe("audit findings in the browser", () => {
  let fx: WalletFixture;
  let endpoint: Endpoint;
  let target: Endpoint;
  const frames: Endpoint[] = [];

  beforeAll(async () => {
    const build = join(process.env.TMPDIR ?? "/tmp", `vaughan-audit-ext-${process.pid}`);
    cpSync(EXTENSION_DIR, build, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(build, "manifest.json"), "utf8"));
    manifest.web_accessible_resources = [{ resources: ["approval.html"], matches: ["<all_urls>"] }];
    writeFileSync(join(build, "manifest.json"), JSON.stringify(manifest));
    fx = await startWallet({ extensionDir: build });
    const stopWallet = fx.close;
    fx.close = async () => {
      await stopWallet();
      const { rmSync } = await import("node:fs");
      rmSync(build, { recursive: true, force: true });
    };
    endpoint = await startEndpoint();
    target = await startEndpoint((body, res) => rpcResult(body, res, "0x7a70"));
    for (let i = 0; i < 40; i++) {
      const frame = await startEndpoint();
      frame.handle = (_, res) =>
        res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>frame</title>");
      frames.push(frame);
    }
    const framing = (servers: Endpoint[]) =>
      `<!doctype html><title>frames</title>${servers.map((f) => `<iframe src="${f.origin}/"></iframe>`).join("")}`;
    fx.dapp.pages.set("/frames", framing(frames.slice(0, 10)));
    fx.dapp.pages.set("/many", framing(frames));
    // The relay starts the daemon on the first request; then unlock it as a person would.
    expect(await request(fx.page, "eth_chainId")).toEqual({ result: "0x7a69" });
    const passwordFile = join(fx.dirs.root, "password.txt");
    writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
    await runHostOk(["unlock", "--password-file", passwordFile], fx.dirs);
  });
  afterAll(async () => {
    await fx?.close();
    for (const server of [endpoint, target, ...frames]) await server?.close();
  });

  it("wallet_addEthereumChain reaches the proposed endpoint only after approval, and the page learns nothing of its answer", async () => {
    const page = await fx.context.newPage();
    await page.goto(`${frames[0]?.origin}/`);
    endpoint.seen.length = 0;
    endpoint.handle = (body, res) => rpcResult(body, res, "0xSECRET-FROM-THE-ENDPOINT");
    let answer: Promise<Answer> | undefined;
    const dialog = await approvalWindow(fx.context, async () => {
      answer = request(page, "wallet_addEthereumChain", addChain("0x7a6c", endpoint.url));
    });
    await expect.poll(() => dialog.getByTestId("approval-kind").textContent()).toBe("add-chain");
    expect(endpoint.seen).toEqual([]);
    await approve(dialog);
    const refused = (await answer) as Answer;
    expect(refused.code).toBe(-32602);
    expect(refused.message).not.toContain("SECRET");
    expect(refused.message).toBe("The RPC endpoint did not confirm chain 0x7a6c");
    expect(endpoint.seen.map((r) => JSON.parse(r.body).method)).toEqual(["eth_chainId"]);
    await page.close();
  });

  it("a proposed endpoint's 307 to a loopback address is not followed", async () => {
    const page = await fx.context.newPage();
    await page.goto(`${frames[1]?.origin}/`);
    endpoint.seen.length = 0;
    target.seen.length = 0;
    endpoint.handle = (_, res) => res.writeHead(307, { location: target.url }).end();
    let answer: Promise<Answer> | undefined;
    const dialog = await approvalWindow(fx.context, async () => {
      answer = request(page, "wallet_addEthereumChain", addChain("0x7a70", endpoint.url));
    });
    await approve(dialog);
    expect(await answer).toMatchObject({ code: -32602 });
    expect(endpoint.seen).toHaveLength(1);
    expect(target.seen).toEqual([]);
    await page.close();
  });

  it("an eth_call of 1,048,500 ASCII characters, and one of 400,000 €, fail for that page alone; other tabs and an open approval window carry on", async () => {
    const other = await fx.context.newPage();
    await other.goto(`${frames[2]?.origin}/`);
    const asking = await fx.context.newPage();
    await asking.goto(`${frames[3]?.origin}/`);
    let connect: Promise<Answer> | undefined;
    const dialog = await approvalWindow(fx.context, async () => {
      connect = request(asking, "eth_requestAccounts");
    });
    await expect.poll(() => dialog.getByTestId("approval-kind").textContent()).toBe("connect");

    // Params of 1,048,500 ASCII characters: the page's request is under 1 MiB, the frame to the
    // host (the same request in an envelope with the origin) is over it.
    const call = { to: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", data: "0x" };
    call.data = `0x${"ab".repeat((1_048_500 - JSON.stringify([call, "latest"]).length) / 2)}`;
    expect(JSON.stringify([call, "latest"]).length).toBe(1_048_500);
    expect(await request(fx.page, "eth_call", [call, "latest"])).toMatchObject({ code: -32600 });
    const euros = { to: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", data: "€".repeat(400_000) };
    expect(await request(fx.page, "eth_call", [euros, "latest"])).toMatchObject({ code: -32600 });
    // The frame is the JSON text the browser makes of the message: characters a JSON writer could
    // escape (`<`, U+2028; 12 bytes a pair if escaped, 4 as they are) reach the host unescaped,
    // which answers this one (its data is not hex) itself.
    const escapable = { to: call.to, data: "<\u2028".repeat(150_000) };
    expect(await request(fx.page, "eth_call", [escapable, "latest"])).toMatchObject({ code: -32602 });

    expect(await request(other, "eth_chainId")).toEqual({ result: "0x7a69" });
    expect(await request(fx.page, "eth_blockNumber")).toHaveProperty("result");
    expect(dialog.isClosed()).toBe(false);
    await clickClosing(dialog, dialog.getByTestId("reject"));
    expect(await connect).toMatchObject({ code: 4001 });
    await other.close();
    await asking.close();
  });

  it("an answer over 1 MiB is an error for its request (a stub node: anvil cannot be made to answer so much quickly), and the tab goes on", async () => {
    // A chain whose node answers eth_getLogs with 2 MiB, and another whose answer fits the
    // 1 MiB the host reads but not, with its envelope, the frame to the browser.
    const node = await startEndpoint();
    try {
      let logsBytes = 2 * 1_048_576;
      node.handle = (body, res) => {
        const { method } = JSON.parse(body) as { method: string };
        if (method === "eth_chainId") return rpcResult(body, res, "0x7cff");
        if (method !== "eth_getLogs") return rpcResult(body, res, "0x0");
        const { id } = JSON.parse(body) as { id: number };
        const head = `{"jsonrpc":"2.0","id":${id},"result":["`;
        const tail = `"]}`;
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(`${head}${"f".repeat(logsBytes - head.length - tail.length)}${tail}`);
      };
      await runHostOk(
        ["chains", "add", "--chain-id", "31999", "--rpc-url", node.url, "--name", "Stub"],
        fx.dirs,
      );
      const page = await fx.context.newPage();
      await page.goto(`${frames[4]?.origin}/`);
      await runHostOk(["chains", "default", "31999"], fx.dirs);
      try {
        expect(await request(page, "eth_chainId")).toEqual({ result: "0x7cff" });
        const getLogs = () =>
          page.evaluate(async () => {
            const eth = (window as unknown as { ethereum: Eth }).ethereum;
            const hung = new Promise((resolve) => setTimeout(() => resolve("no answer in 10 s"), 10_000));
            const answer = eth.request({ method: "eth_getLogs", params: [{ fromBlock: "0x0" }] }).then(
              () => "result",
              (e: { code: number }) => e.code,
            );
            return Promise.race([answer, hung]);
          });
        expect(await getLogs()).toBe(-32005);
        logsBytes = 1_048_576 - 16;
        expect(await getLogs()).toBe(-32005);
        expect(await request(page, "eth_chainId")).toEqual({ result: "0x7cff" });
      } finally {
        await runHostOk(["chains", "default", "31337"], fx.dirs);
        await page.close();
      }
    } finally {
      await node.close();
    }
  });

  it("ten iframes of ten origins ask for accounts at once: one window at a time", async () => {
    const page = await fx.context.newPage();
    await page.goto(`${fx.dapp.origin}/frames`);
    const children = page
      .frames()
      .filter((f) => f !== page.mainFrame())
      .slice(0, 10);
    expect(children).toHaveLength(10);
    const before = await pendingApprovals(fx.dirs.home);
    const answers = children.map((frame) => request(frame, "eth_requestAccounts"));
    await expect.poll(() => pendingApprovals(fx.dirs.home), { timeout: 15_000 }).toBe(before + 10);
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      await expect.poll(() => openApprovals(fx).length, { timeout: 15_000 }).toBeGreaterThan(0);
      const [dialog] = openApprovals(fx);
      if (!dialog) throw new Error("no window");
      await expect.poll(() => dialog.getByTestId("approval-kind").textContent()).toBe("connect");
      expect(openApprovals(fx)).toHaveLength(1);
      seen.add((await dialog.getByTestId("approval-origin").textContent()) ?? "");
      await clickClosing(dialog, dialog.getByTestId("reject"));
    }
    expect(seen).toEqual(new Set(children.map((f) => new URL(f.url()).origin)));
    for (const answer of answers) expect(await answer).toMatchObject({ code: 4001 });
    await page.close();
  });

  it("a second kind from one site waits for the first window; the same kind gets -32002", async () => {
    const page = await fx.context.newPage();
    await page.goto(`${frames[10]?.origin}/`);
    const before = await pendingApprovals(fx.dirs.home);
    let connect: Promise<Answer> | undefined;
    const first = await approvalWindow(fx.context, async () => {
      connect = request(page, "eth_requestAccounts");
    });
    await expect.poll(() => first.getByTestId("approval-kind").textContent()).toBe("connect");
    // 0x7cff: the stub chain an earlier test added (a switch to the current chain asks nothing).
    const switching = request(page, "wallet_switchEthereumChain", [{ chainId: "0x7cff" }]);
    await expect.poll(() => pendingApprovals(fx.dirs.home)).toBe(before + 2);
    expect(await request(page, "eth_requestAccounts")).toMatchObject({ code: -32002 });
    expect(openApprovals(fx)).toHaveLength(1);
    expect(openApprovals(fx)[0]).toBe(first);
    const second = await approvalWindow(fx.context, () => clickClosing(first, first.getByTestId("reject")));
    expect(await connect).toMatchObject({ code: 4001 });
    await expect.poll(() => second.getByTestId("approval-kind").textContent()).toBe("switch-chain");
    await clickClosing(second, second.getByTestId("reject"));
    expect(await switching).toMatchObject({ code: 4001 });
    await page.close();
  });

  it("refused requests of unconnected origins spend none of a connected site's budget", async () => {
    let connected: Promise<Answer> | undefined;
    const dialog = await approvalWindow(fx.context, async () => {
      connected = request(fx.page, "eth_requestAccounts");
    });
    await approve(dialog);
    expect(await connected).toHaveProperty("result");
    // Forty unconnected iframes keep sending transactions, refused (4100), paced only by their
    // own budgets (10 a minute each, four times what one connection may sign in a minute).
    const page = await fx.context.newPage();
    await page.goto(`${fx.dapp.origin}/many`);
    const children = page.frames().filter((f) => f !== page.mainFrame());
    expect(children).toHaveLength(40);
    // Each starts 150 ms after the one before: budgets refilling in step would leave the gaps
    // between their bursts free for anyone.
    const attacks = children.map((frame, i) =>
      frame.evaluate(async (delay) => {
        await new Promise((resolve) => setTimeout(resolve, delay));
        const w = window as unknown as { ethereum: Eth; stopAttack?: boolean; refused?: number };
        const tx = {
          from: "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
          to: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
        };
        w.refused = 0;
        while (!w.stopAttack) {
          const code = await w.ethereum.request({ method: "eth_sendTransaction", params: [tx] }).then(
            () => 0,
            (e: { code: number }) => e.code,
          );
          if (code === 4100) w.refused++;
          // The attacker's own pacing: its budget refills one request a second at most.
          else if (code === -32005) await new Promise((resolve) => setTimeout(resolve, 100));
          else throw new Error(`unexpected ${code}`);
        }
      }, i * 150),
    );
    // 120 refused: more than a connection's minute of signing (100) has gone to them, and they
    // keep asking faster than it refills.
    const refused = async () =>
      (
        await Promise.all(
          children.map((f) => f.evaluate(() => (window as { refused?: number }).refused ?? 0)),
        )
      ).reduce((a, b) => a + b, 0);
    await expect.poll(refused, { timeout: 60_000 }).toBeGreaterThanOrEqual(120);
    // The connected site's transactions still get past every budget (-32602 for their empty
    // params is the handler's answer, so no limit refused them), while the attack goes on.
    const codes: Array<number | undefined> = [];
    for (let i = 0; i < 4; i++) {
      // The site's own budget refills one signature a second.
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 1100));
      codes.push((await request(fx.page, "eth_sendTransaction", [{}])).code);
    }
    await Promise.all(
      children.map((f) => f.evaluate(() => ((window as { stopAttack?: boolean }).stopAttack = true))),
    );
    await Promise.all(attacks);
    expect(codes).toEqual([-32602, -32602, -32602, -32602]);
    await page.close();
  });

  it("test 14: a page can load the web-accessible approval page, yet framing it fails because of its CSP", async () => {
    const page = await fx.context.newPage();
    await page.goto(`${frames[11]?.origin}/`);
    const refusals: string[] = [];
    page.on("console", (message) => {
      if (message.text().includes("frame-ancestors")) refusals.push(message.text());
    });
    const url = extensionUrl("approval.html?id=x");
    // Reachable: web-accessible in this build, so nothing but the CSP can stop the frame.
    expect(
      await page.evaluate(
        (src) =>
          fetch(src).then(
            (r) => (r.ok ? "loaded" : "refused"),
            () => "refused",
          ),
        url,
      ),
    ).toBe("loaded");
    await page.evaluate((src) => {
      const frame = document.createElement("iframe");
      frame.src = src;
      document.body.append(frame);
    }, url);
    await expect.poll(() => refusals.length).toBeGreaterThan(0);
    expect(refusals[0]).toContain("frame-ancestors 'none'");
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const app = await frame.evaluate(() => document.getElementById("app") !== null).catch(() => false);
      expect(app, frame.url()).toBe(false);
    }
    await page.close();
  });
});
