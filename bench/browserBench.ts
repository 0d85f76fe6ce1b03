import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { DEV_EXTENSION_ID } from "../protocol/extensionId.js";
import { chromiumArgs } from "../scripts/lib/chromium.mjs";
import { CHROMIUM, EXTENSION_DIR, extensionUrl } from "../test/support/browser.js";
import { HOST_SCRIPT, runHost, type TempDirs } from "../test/support/host.js";
import { frame } from "../test/support/nativeClient.js";
import { buildInBrowserExtension } from "./inBrowser/build.js";
import type { BenchHost } from "./setup.js";
import { type Figure, figure, quantile, since, sleep } from "./stats.js";
import { startEcho } from "./wsBench.js";

const FLOOR_EXTENSION = resolve("bench/floor/extension");
/**
 * The method timed over the whole page → host → page path. Not `eth_chainId`: the background
 * answers that one itself from the state the host pushes (SiteStateCache), so after the first
 * call it never reaches the host. `wallet_getPermissions` is answered by the host from its own
 * state (no chain, no prompt, no read budget spent) and the background never caches it; the
 * floor's daemon answers any method alike, so both sides cross every hop.
 */
const FULL_PATH_METHOD = "wallet_getPermissions";
/** Between sequential requests: Vaughan allows an origin 20 reads a second (docs/security.md T11). */
const PACE_MS = 60;
/**
 * Unmeasured round trips before each side's samples. A side's first requests run code not yet
 * compiled (a worker just restarted for the fallback, a daemon just started), and 5 were too few:
 * in a run of 1,200 WebSocket samples a side, ours' first 30 held 3 of its 11 over 4.5 ms, and
 * with 400 samples p99 was the 4th slowest. Figures here are steady state; cold start has its own.
 */
const WARM_UP_RUNS = 50;
/**
 * Requests in flight at once: two tabs on their own origins, 50 each. 50 is an origin's whole
 * read burst (docs/security.md T11): 100 from one origin would be refused by design.
 */
const IN_FLIGHT = 100;
/**
 * Bursts rotate over this many pairs of origins: a burst spends both origins' whole read budget,
 * which refills in 2.5 s (50 at 20 a second), so with several pairs the rounds can come every
 * BURST_REFILL_MS / BURST_PAIRS instead of every 3 s: more bursts in the same time. One burst on
 * this machine swings by ±30 % (scheduling), so a median of 20 still moved ±10 % between runs.
 */
const BURST_PAIRS = 4;
const BURST_REFILL_MS = 3000;

/**
 * Headless Chromium with one extension, as test/support/browser.ts launches it. `home` is its
 * HOME, inside the bench's temporary folder: Chromium keeps its crash database under
 * ~/.config/chromium even with a profile of its own, and hands HOME to the native host.
 */
async function launch(
  extension: string,
  profile: string,
  home: string,
  env: Record<string, string> = {},
): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ["--disable-extensions"],
    env: { ...process.env, HOME: home, ...env },
    args: [...chromiumArgs(extension)],
  });
  if (context.serviceWorkers().length === 0) await context.waitForEvent("serviceworker", { timeout: 15_000 });
  return context;
}

/** What a `/nav` page reports: when its first request was answered, or why it failed. */
type NavReport = { answered?: number; failed?: string };

/** A page server on a fresh origin; `report()` waits for the next `/nav` page's report. */
interface PageServer {
  origin: string;
  server: Server;
  report(): Promise<NavReport>;
}

/**
 * A page server on a fresh origin: `/` blank, `/nav` makes its first request from an inline
 * script and posts when it was answered (or why it failed) to `/done`. Posted, not polled: the
 * harness's polling script, injected into the page as it loads, delayed the answer's delivery
 * in about half the navigations by ~30 ms (a bimodal spread whose median jumped between the modes).
 */
async function pageServer(call: string): Promise<PageServer> {
  const post = "(r) => fetch('/done', { method: 'POST', body: JSON.stringify(r) })";
  const nav = `<!doctype html><title>nav</title><script>const report = ${post}; const failed = (e) => report({ failed: String(e && e.code) + " " + String(e && e.message) }); try { ${call}.then(() => report({ answered: performance.now() }), failed); } catch (e) { failed(e); }</script>`;
  const reports: NavReport[] = [];
  let waiting: ((report: NavReport) => void) | undefined;
  const server = createServer((req, res) => {
    if (req.url === "/done") {
      let body = "";
      req.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on("end", () => {
        res.writeHead(204).end();
        const report = JSON.parse(body) as NavReport;
        if (waiting) waiting(report);
        else reports.push(report);
        waiting = undefined;
      });
      return;
    }
    res
      .writeHead(200, {
        "content-type": "text/html",
        // Cross-origin isolated, so performance.now() ticks in microseconds, not 100 µs steps.
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-embedder-policy": "require-corp",
      })
      .end(req.url === "/nav" ? nav : "<!doctype html><title>bench</title>");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    report: () => {
      const next = reports.shift();
      return next ? Promise.resolve(next) : new Promise((resolve) => (waiting = resolve));
    },
  };
}

/** Sequential round trips measured inside the page, paced; `call` is an expression returning a promise. */
function roundTrips(page: Page, call: string, runs: number): Promise<number[]> {
  return page.evaluate(
    async ([call, runs, pace]) => {
      const run = new Function(`return ${call}`) as () => Promise<unknown>;
      const out: number[] = [];
      for (let i = 0; i < (runs as number); i++) {
        const start = performance.now();
        await run();
        out.push(performance.now() - start);
        await new Promise((r) => setTimeout(r, pace as number));
      }
      return out;
    },
    [call, runs, PACE_MS] as const,
  );
}

/**
 * `runs` sequential round trips from each side, alternating one by one (and which side goes
 * first). The times drift with the machine over seconds, and stalls of a second or more hit both
 * browsers at once (seen in per-request timestamps); alternating one by one puts both sides in
 * every stall alike. In two scratch runs each, the ratio at p10, p25 ... p99 stayed within
 * 0.98–1.16× (native) and 1.07–1.24× (WebSocket) one by one, and wandered over 0.72–1.07× and
 * 0.95–1.31× in rounds of 20 (0.48–1.20× for native p99 in rounds of 100).
 */
async function alternatingRoundTrips(
  ours: { page: Page; call: string },
  floor: { page: Page; call: string },
  runs: number,
): Promise<{ ours: number[]; floor: number[] }> {
  const out = { ours: [] as number[], floor: [] as number[] };
  for (let i = 0; i < runs; i++) {
    for (const side of i % 2 === 0 ? (["ours", "floor"] as const) : (["floor", "ours"] as const)) {
      const { page, call } = side === "ours" ? ours : floor;
      out[side].push(...(await roundTrips(page, call, 1)));
    }
  }
  return out;
}

/** Milliseconds for `n` requests started together to all be answered. */
function inFlight(page: Page, call: string, n: number): Promise<number> {
  return page.evaluate(
    async ([call, n]) => {
      const run = new Function(`return ${call}`) as () => Promise<unknown>;
      const start = performance.now();
      await Promise.all(Array.from({ length: n as number }, run));
      return performance.now() - start;
    },
    [call, n] as const,
  );
}

/** Navigation start → the page's first answered request, `runs` times. */
async function navigations(page: Page, nav: PageServer, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const report = nav.report();
    await page.goto(`${nav.origin}/nav`, { waitUntil: "commit" });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const { answered, failed } = await Promise.race([
      report,
      new Promise<NavReport>((resolve) => {
        timer = setTimeout(() => resolve({ failed: "no report within 15 s" }), 15_000);
      }),
    ]);
    clearTimeout(timer);
    if (answered === undefined) throw new Error(`the first request after navigation failed: ${failed}`);
    out.push(answered);
    await page.waitForLoadState("load");
    await sleep(150);
  }
  return out;
}

/** What CDP's `ServiceWorker.workerVersionUpdated` says of each worker version. */
type WorkerVersion = { versionId: string; runningStatus: string };

/**
 * Stops every service worker of `context`'s browser (as Chromium does to an idle worker) and
 * waits until DevTools reports every version stopped, so the next navigation starts it again.
 */
async function stopWorkers(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const running = new Map<string, string>();
  let changed: (() => void) | undefined;
  cdp.on(
    "ServiceWorker.workerVersionUpdated" as never,
    ((event: { versions: WorkerVersion[] }) => {
      for (const version of event.versions) running.set(version.versionId, version.runningStatus);
      changed?.();
    }) as never,
  );
  try {
    await cdp.send("ServiceWorker.enable" as never);
    await cdp.send("ServiceWorker.stopAllWorkers" as never);
    const deadline = performance.now() + 10_000;
    while ([...running.values()].some((status) => status !== "stopped")) {
      if (performance.now() > deadline) throw new Error("the service worker did not stop within 10 s");
      await new Promise<void>((resolve) => {
        changed = resolve;
        setTimeout(resolve, 100);
      });
    }
  } finally {
    await cdp.detach();
  }
}

/**
 * Navigation → first answered request with the worker stopped just before, `runs` times a side,
 * alternating one by one (and which side goes first). The worker starts for the page's relay
 * port, so this is the worker's start, its native host's start and the first round trip.
 */
async function afterWorkerStop(
  sides: Record<"ours" | "floor", { context: BrowserContext; page: Page; nav: PageServer }>,
  runs: number,
): Promise<{ ours: number[]; floor: number[] }> {
  const out = { ours: [] as number[], floor: [] as number[] };
  for (let i = 0; i < runs; i++) {
    for (const name of i % 2 === 0 ? (["ours", "floor"] as const) : (["floor", "ours"] as const)) {
      const { context, page, nav } = sides[name];
      await page.goto("about:blank");
      await stopWorkers(context, page);
      // Let the host the stopped worker had open notice and exit, as it would between visits.
      await sleep(300);
      out[name].push(...(await navigations(page, nav, 1)));
    }
  }
  return out;
}

/** One side's native host for {@link hostAlone}: the program, its requests, its answers. */
interface StdioHost {
  child: ChildProcess;
  /** The request with `id` on behalf of `origin` (the floor's daemon knows no origins). */
  request(id: number, origin: string): unknown;
  /** True for an answer to a request (anything else, such as a credential, is skipped). */
  isAnswer(message: Record<string, unknown>): boolean;
}

/**
 * A host alone over stdio, framed as Chromium frames, paced like the page; then IN_FLIGHT at
 * once from two origins (50 each, an origin's whole read burst), rotating over BURST_PAIRS pairs.
 * Ours and the floor go through this same client: each answer parsed, an error failing the run
 * (a refusal, -32005, is answered fast and must not pass for the work it skipped).
 */
async function hostAlone(
  host: StdioHost,
  runs: number,
  burstRounds: number,
): Promise<{ sequential: number[]; burst: number }> {
  let buffered: Buffer = Buffer.alloc(0);
  let answered = 0;
  let wanted = 0;
  let settle: ((error?: Error) => void) | undefined;
  host.child.stdout?.on("data", (chunk: Buffer) => {
    buffered = buffered.length > 0 ? Buffer.concat([buffered, chunk]) : chunk;
    while (buffered.length >= 4) {
      const length = buffered.readUInt32LE(0);
      if (buffered.length < 4 + length) break;
      const message = JSON.parse(buffered.subarray(4, 4 + length).toString("utf8"));
      buffered = buffered.subarray(4 + length);
      if (!host.isAnswer(message)) continue;
      const error = (message.payload as { error?: { code: number } } | undefined)?.error;
      if (error) settle?.(new Error(`host alone: refused (${error.code})`));
      answered++;
    }
    if (answered >= wanted) settle?.();
  });
  host.child.once("exit", (code, signal) => settle?.(new Error(`host alone: exited (${code ?? signal})`)));
  let nextId = 1;
  /** Sends one request from each of `origins` at once and waits for every answer. */
  const send = (origins: readonly string[]) =>
    new Promise<void>((resolve, reject) => {
      wanted = answered + origins.length;
      settle = (error) => (error ? reject(error) : resolve());
      for (const origin of origins) host.child.stdin?.write(frame(host.request(nextId++, origin)));
    });
  try {
    const sequential: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const start = performance.now();
      await send(["https://hostonly.bench.example"]);
      if (i > 0) sequential.push(since(start));
      await sleep(PACE_MS);
    }
    const burstOrigins = Array.from({ length: BURST_PAIRS }, (_, pair) =>
      Array.from({ length: IN_FLIGHT }, (_, i) => `https://hostburst-${pair}-${i % 2}.bench.example`),
    );
    const bursts: number[] = [];
    for (let r = 0; r < burstRounds; r++) {
      await sleep(BURST_REFILL_MS / BURST_PAIRS);
      const start = performance.now();
      await send(burstOrigins[r % BURST_PAIRS] as string[]);
      bursts.push(since(start));
    }
    return { sequential, burst: quantile(bursts, 0.5) };
  } finally {
    if (host.child.exitCode === null && host.child.signalCode === null) {
      const exited = new Promise((resolve) => host.child.once("exit", resolve));
      host.child.stdin?.end();
      host.child.kill("SIGTERM");
      await exited;
    }
  }
}

/** Our host program as Chromium starts it for our extension: the relay to the running daemon. */
function ourHost(home: string): StdioHost {
  return {
    child: spawn(process.execPath, [HOST_SCRIPT, `chrome-extension://${DEV_EXTENSION_ID}/`], {
      env: { ...process.env, VAUGHAN_HOME: home },
      stdio: ["pipe", "pipe", "inherit"],
    }),
    request: (id, origin) => ({
      v: 1,
      type: "rpc",
      origin,
      payload: { jsonrpc: "2.0", id, method: FULL_PATH_METHOD },
    }),
    isAnswer: (message) => message.type === "rpc",
  };
}

/** The floor's bare relay, piping to the bare daemon on `socket`. */
function floorHost(socket: string): StdioHost {
  return {
    child: spawn(process.execPath, [resolve("bench/floor/host.mjs")], {
      env: { ...process.env, FLOOR_SOCKET: socket },
      stdio: ["pipe", "pipe", "inherit"],
    }),
    request: (id) => ({ id, method: FULL_PATH_METHOD }),
    isAnswer: () => true,
  };
}

/**
 * The same round trip over the loopback WebSocket: the host is unregistered and the worker
 * stopped, so the extension falls back with the credential native messaging gave it; the floor
 * extension talks to a bare `ws` echo server.
 */
async function overWebSocket(
  host: BenchHost,
  profile: string,
  context: BrowserContext,
  p: Page,
  f: Page,
  runs: number,
): Promise<{ ours: number[]; floor: number[] }> {
  const echo = await startEcho();
  try {
    const uninstalled = await runHost(
      ["uninstall", "--browser", "chromium", "--user-data-dir", profile],
      host.dirs,
    );
    if (uninstalled.code !== 0) throw new Error(`uninstall failed: ${uninstalled.stderr}`);
    const cdp = await context.newCDPSession(p);
    await cdp.send("ServiceWorker.enable" as never);
    await cdp.send("ServiceWorker.stopAllWorkers" as never);
    await cdp.detach();
    let transport: string | null = null;
    for (let tries = 0; transport !== "websocket"; tries++) {
      if (tries === 60) throw new Error(`the WebSocket fallback did not take over (transport: ${transport})`);
      await sleep(500);
      await p.evaluate(() =>
        (window as unknown as { ethereum: { request(a: { method: string }): Promise<unknown> } }).ethereum
          .request({ method: "eth_chainId" })
          .catch(() => null),
      );
      const popup = await context.newPage();
      await popup.goto(extensionUrl("popup.html"));
      await sleep(300);
      transport = await popup.getByTestId("transport-status").textContent();
      await popup.close();
    }
    const oursCall = `window.ethereum.request({ method: '${FULL_PATH_METHOD}' })`;
    const floorCall = `window.floor.request('${FULL_PATH_METHOD}', false, ${echo.port})`;
    await roundTrips(p, oursCall, WARM_UP_RUNS);
    await roundTrips(f, floorCall, WARM_UP_RUNS);
    return await alternatingRoundTrips({ page: p, call: oursCall }, { page: f, call: floorCall }, runs);
  } finally {
    echo.child.kill("SIGTERM");
  }
}

/**
 * The in-browser part alone: our extension with its background answering (bench/inBrowser)
 * against the floor extension answering in its background, sequentially (alternating one by
 * one) and IN_FLIGHT at once from two tabs (in alternating rounds). Both run in browsers launched
 * for this, each with BURST_PAIRS pairs of fresh tabs, so they start alike. (The floor side used
 * to reuse the browser that had just served the full-path runs, against a fresh one for ours;
 * the ratio then swung from 1.04× to 1.28× between two runs.)
 */
async function inBrowserAlone(
  { root, fakeHome }: TempDirs,
  runs: number,
  burstRounds: number,
): Promise<{ ours: number[]; floor: number[]; oursBurst: number[]; floorBurst: number[] }> {
  const call = "window.ethereum.request({ method: 'eth_chainId' })";
  const floorCall = "window.floor.request('eth_chainId', true)";
  const contexts: BrowserContext[] = [];
  const servers: Server[] = [];
  /** A browser with `extension` and BURST_PAIRS pairs of tabs on fresh origins, warmed alike. */
  const open = async (extension: string, profile: string, tabCall: string): Promise<BurstSide> => {
    const context = await launch(extension, join(root, profile), fakeHome);
    contexts.push(context);
    const pairs = await tabPairs(context, tabCall, BURST_PAIRS, servers);
    await roundTrips(pairs[0]?.[0] as Page, tabCall, WARM_UP_RUNS);
    return { pairs, call: tabCall };
  };
  try {
    const extension = await buildInBrowserExtension(join(root, "inbrowser-extension"));
    const ours = await open(extension, "inbrowser-profile", call);
    const floor = await open(FLOOR_EXTENSION, "inbrowser-floor-profile", floorCall);
    const sequential = await alternatingRoundTrips(
      { page: ours.pairs[0]?.[0] as Page, call },
      { page: floor.pairs[0]?.[0] as Page, call: floorCall },
      runs,
    );
    const bursts = await alternatingBursts(burstRounds, ours, floor);
    return { ...sequential, oursBurst: bursts.ours, floorBurst: bursts.floor };
  } finally {
    for (const context of contexts) await context.close();
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
  }
}

/** One side's tabs for bursts, in pairs on fresh origins, and the call each tab makes. */
interface BurstSide {
  pairs: Array<[Page, Page]>;
  call: string;
}

/** `n` pairs of tabs in `context`, each tab on a fresh origin (its server kept in `servers`). */
async function tabPairs(context: BrowserContext, call: string, n: number, servers: Server[]) {
  const tab = async () => {
    const { origin, server } = await pageServer(call);
    servers.push(server);
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    return page;
  };
  const pairs: Array<[Page, Page]> = [];
  for (let i = 0; i < n; i++) pairs.push([await tab(), await tab()]);
  return pairs;
}

/**
 * `rounds` bursts of each side, after one unmeasured round on every pair (a tab's first burst
 * runs code its renderer has not compiled yet). Rounds rotate over the pairs, each pair coming
 * back once its origins' read budget (docs/security.md T11) is full again, and the side that goes
 * first alternates: the first burst after a pause runs on woken, cold processors. With ours
 * always first, one run measured ours first at 1.18× the floor and floor first at 0.87×.
 */
async function alternatingBursts(
  rounds: number,
  ours: BurstSide,
  floor: BurstSide,
): Promise<{ ours: number[]; floor: number[] }> {
  const out = { ours: [] as number[], floor: [] as number[] };
  const pairs = Math.min(ours.pairs.length, floor.pairs.length);
  const warmUp = rounds > 1 ? pairs : 0;
  const burst = (side: BurstSide, r: number) =>
    together(side.pairs[(r + warmUp) % pairs] as [Page, Page], side.call);
  for (let r = -warmUp; r < rounds; r++) {
    await sleep(BURST_REFILL_MS / pairs);
    let [o, f] = [0, 0];
    if (r % 2 === 0) {
      o = await burst(ours, r);
      f = await burst(floor, r);
    } else {
      f = await burst(floor, r);
      o = await burst(ours, r);
    }
    if (r < 0) continue;
    out.ours.push(o);
    out.floor.push(f);
  }
  return out;
}

/** Milliseconds for IN_FLIGHT requests, half from each of two tabs, to all be answered. */
async function together(pages: readonly [Page, Page], call: string): Promise<number> {
  return Math.max(...(await Promise.all(pages.map((page) => inFlight(page, call, IN_FLIGHT / 2)))));
}

/** How many samples each part takes (bench/main.ts sets them; bench/README.md says why). */
export interface BrowserBenchRuns {
  /** Sequential round trips a side, page → host → page, over each transport (p50 and p99). */
  pathRuns: number;
  /** Sequential round trips a side of the host alone and of the in-browser part alone (p50). */
  runs: number;
  navRuns: number;
  /** Navigations a side right after the service worker was stopped. */
  workerStopRuns: number;
  burstRounds: number;
}

/**
 * Everything measured in a real browser: the page → host → page round trip, the in-browser
 * part, what a page pays (script size, navigation → first answer), each against the floor
 * extension (bench/floor) in its own browser, the two measured alternately.
 */
export async function benchBrowser(
  host: BenchHost,
  { pathRuns, runs, navRuns, workerStopRuns, burstRounds }: BrowserBenchRuns,
): Promise<Figure[]> {
  const profile = join(host.dirs.root, "bench-profile");
  const floorProfile = join(host.dirs.root, "floor-profile");
  const installed = await runHost(
    ["install", "--browser", "chromium", "--user-data-dir", profile],
    host.dirs,
  );
  if (installed.code !== 0) throw new Error(`install failed: ${installed.stderr}`);
  const ours = await launch(EXTENSION_DIR, profile, host.dirs.fakeHome, { VAUGHAN_HOME: host.dirs.home });
  const floor = await launch(FLOOR_EXTENSION, floorProfile, host.dirs.fakeHome);
  const servers: Server[] = [];
  try {
    // The floor's native host: registered for the floor extension's id, found from its worker.
    const floorId = new URL((floor.serviceWorkers()[0] as { url(): string }).url()).host;
    const socket = join(host.dirs.root, "floor.sock");
    const wrapper = join(host.dirs.root, "floor-host.sh");
    writeFileSync(
      wrapper,
      `#!/bin/sh\nFLOOR_SOCKET='${socket}' exec '${process.execPath}' '${resolve("bench/floor/host.mjs")}' "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
    mkdirSync(join(floorProfile, "NativeMessagingHosts"), { recursive: true });
    writeFileSync(
      join(floorProfile, "NativeMessagingHosts", "com.vaughan.bench_floor.json"),
      JSON.stringify({
        name: "com.vaughan.bench_floor",
        description: "bench floor",
        path: wrapper,
        type: "stdio",
        allowed_origins: [`chrome-extension://${floorId}/`],
      }),
    );
    const floorDaemon = spawn(process.execPath, [resolve("bench/floor/daemon.mjs"), socket], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise((r) => floorDaemon.stdout?.once("data", r));
    try {
      const vaughanCall = `window.ethereum.request({ method: '${FULL_PATH_METHOD}' })`;
      const floorCall = `window.floor.request('${FULL_PATH_METHOD}')`;
      // The most frequent call: ours answers it in the background, the floor crosses its host.
      const cachedCall = "window.ethereum.request({ method: 'eth_chainId' })";
      const floorChainIdCall = "window.floor.request('eth_chainId')";
      const sides = {
        ours: { context: ours, call: vaughanCall, navCall: cachedCall },
        floor: { context: floor, call: floorCall, navCall: floorChainIdCall },
      };
      const burstSides: Record<string, BurstSide> = {};
      const navPages: Record<string, Page> = {};
      const navServers: Record<string, PageServer> = {};
      for (const [name, { context, call, navCall }] of Object.entries(sides)) {
        burstSides[name] = { pairs: await tabPairs(context, call, BURST_PAIRS, servers), call };
        // Navigations get an origin of their own: the bursts below spend their origins' whole
        // read budget (docs/security.md T11), which a navigation right after must not meet.
        const nav = await pageServer(navCall);
        servers.push(nav.server);
        navPages[name] = await context.newPage();
        navServers[name] = nav;
      }
      // The first tab of each side serves the sequential round trips too.
      const [p, f] = [burstSides.ours?.pairs[0]?.[0] as Page, burstSides.floor?.pairs[0]?.[0] as Page];
      // Warm both paths (the first request starts the host), then alternate one by one.
      await roundTrips(p, vaughanCall, WARM_UP_RUNS);
      await roundTrips(f, floorCall, WARM_UP_RUNS);
      const samples = await alternatingRoundTrips(
        { page: p, call: vaughanCall },
        { page: f, call: floorCall },
        pathRuns,
      );
      await roundTrips(p, cachedCall, WARM_UP_RUNS);
      const cached = await alternatingRoundTrips(
        { page: p, call: cachedCall },
        { page: f, call: floorChainIdCall },
        pathRuns,
      );
      const { sequential: hostSamples, burst: hostBurst } = await hostAlone(
        ourHost(host.dirs.home),
        runs,
        burstRounds,
      );
      // Concurrency: IN_FLIGHT at once from two tabs, through the full path, both sides.
      const burst = await alternatingBursts(
        burstRounds,
        burstSides.ours as BurstSide,
        burstSides.floor as BurstSide,
      );
      const navOurs: number[] = [];
      const navFloor: number[] = [];
      // Short alternating rounds: navigation times drift with the browsers' state.
      const navRounds = Math.min(16, navRuns);
      for (let r = 0; r < navRounds; r++) {
        const each = Math.ceil(navRuns / navRounds);
        navOurs.push(...(await navigations(navPages.ours as Page, navServers.ours as PageServer, each)));
        navFloor.push(...(await navigations(navPages.floor as Page, navServers.floor as PageServer, each)));
      }
      const restart = await afterWorkerStop(
        {
          ours: { context: ours, page: navPages.ours as Page, nav: navServers.ours as PageServer },
          floor: { context: floor, page: navPages.floor as Page, nav: navServers.floor as PageServer },
        },
        workerStopRuns,
      );
      const alone = await inBrowserAlone(host.dirs, runs, burstRounds);
      const { sequential: floorHostSamples, burst: floorHostBurst } = await hostAlone(
        floorHost(socket),
        runs,
        burstRounds,
      );
      const ws = await overWebSocket(host, profile, ours, p, f, pathRuns);
      // Besides the in-browser part alone (measured with the host in the background), the part
      // with the host real, derived the same way for both: full path minus host alone (native
      // messaging's own IPC stays in both).
      const inBrowser = quantile(samples.ours, 0.5) - quantile(hostSamples, 0.5);
      const floorInBrowser = quantile(samples.floor, 0.5) - quantile(floorHostSamples, 0.5);
      const perRequest = (ms: number) => ms / IN_FLIGHT;
      return [
        figure({
          name: "eth_chainId answered by our background (page → background → page) vs the floor's full page → host → page, p50",
          unit: "ms",
          value: quantile(cached.ours, 0.5),
          floor: quantile(cached.floor, 0.5),
          floorName: "bare extension + bare relay + bare daemon (full round trip)",
          goal: "< 1×",
          samples: cached.ours.length,
        }),
        figure({
          name: "eth_chainId answered by our background vs the floor's full round trip, p99",
          unit: "ms",
          value: quantile(cached.ours, 0.99),
          floor: quantile(cached.floor, 0.99),
          floorName: "bare extension + bare relay + bare daemon (full round trip)",
          goal: "< 1×",
          samples: cached.ours.length,
        }),
        figure({
          name: `page → host → page ${FULL_PATH_METHOD} (native), p50`,
          unit: "ms",
          value: quantile(samples.ours, 0.5),
          floor: quantile(samples.floor, 0.5),
          floorName: "bare extension + bare relay + bare daemon",
          goal: "≤ 1.25×",
          samples: samples.ours.length,
        }),
        figure({
          name: `page → host → page ${FULL_PATH_METHOD} (native), p99`,
          unit: "ms",
          value: quantile(samples.ours, 0.99),
          floor: quantile(samples.floor, 0.99),
          floorName: "bare extension + bare relay + bare daemon",
          goal: "≤ 1.5×",
          samples: samples.ours.length,
        }),
        figure({
          name: `page → host → page ${FULL_PATH_METHOD} (WebSocket), p50`,
          unit: "ms",
          value: quantile(ws.ours, 0.5),
          floor: quantile(ws.floor, 0.5),
          floorName: "bare extension + bare ws echo server",
          goal: "≤ 1.25×",
          samples: ws.ours.length,
        }),
        figure({
          name: `page → host → page ${FULL_PATH_METHOD} (WebSocket), p99`,
          unit: "ms",
          value: quantile(ws.ours, 0.99),
          floor: quantile(ws.floor, 0.99),
          floorName: "bare extension + bare ws echo server",
          goal: "≤ 1.5×",
          samples: ws.ours.length,
        }),
        figure({
          name: "host alone (relay + daemon over stdio), p50",
          unit: "ms",
          value: quantile(hostSamples, 0.5),
          floor: null,
          floorName: null,
          goal: null,
          samples: hostSamples.length,
        }),
        figure({
          name: "in-browser part alone (page → relay → background, every check, → page), sequential, p50",
          unit: "ms",
          value: quantile(alone.ours, 0.5),
          floor: quantile(alone.floor, 0.5),
          floorName: "bare extension answering in its background",
          goal: "≤ 1.1×",
          samples: alone.ours.length,
        }),
        figure({
          name: `in-browser part alone, ${IN_FLIGHT} in flight from two tabs (ms per request)`,
          unit: "ms",
          value: perRequest(quantile(alone.oursBurst, 0.5)),
          floor: perRequest(quantile(alone.floorBurst, 0.5)),
          floorName: "bare extension answering in its background",
          goal: "≤ 1.1×",
          samples: burstRounds,
        }),
        figure({
          name: "in-browser part incl. native messaging IPC, sequential, p50 (full path − host alone)",
          unit: "ms",
          value: inBrowser,
          floor: floorInBrowser,
          floorName: "floor derived the same way",
          goal: null,
          samples: samples.ours.length,
        }),
        figure({
          name: "floor host alone (bare relay + bare daemon over stdio), p50",
          unit: "ms",
          value: quantile(floorHostSamples, 0.5),
          floor: null,
          floorName: null,
          goal: null,
          samples: floorHostSamples.length,
        }),
        figure({
          name: `page → host → page, ${IN_FLIGHT} in flight from two tabs (ms per request)`,
          unit: "ms",
          value: perRequest(quantile(burst.ours, 0.5)),
          floor: perRequest(quantile(burst.floor, 0.5)),
          floorName: "bare extension + bare relay + bare daemon",
          goal: null,
          samples: burstRounds,
        }),
        figure({
          name: `in-browser part incl. native messaging IPC, ${IN_FLIGHT} in flight (full path − host alone, ms per request)`,
          unit: "ms",
          value: perRequest(quantile(burst.ours, 0.5) - hostBurst),
          floor: perRequest(quantile(burst.floor, 0.5) - floorHostBurst),
          floorName: "floor derived the same way",
          goal: null,
          samples: burstRounds,
        }),
        figure({
          name: `host alone, ${IN_FLIGHT} in flight (ms per request)`,
          unit: "ms",
          value: perRequest(hostBurst),
          floor: perRequest(floorHostBurst),
          floorName: "bare relay + bare daemon",
          goal: null,
          samples: burstRounds,
        }),
        figure({
          name: "MAIN-world script (dist/chrome/inpage.js)",
          unit: "bytes",
          value: statSync(join(EXTENSION_DIR, "inpage.js")).size,
          floor: statSync(join(FLOOR_EXTENSION, "inpage.js")).size,
          floorName: "bare page script",
          goal: "≤ 10 KB",
          samples: 1,
        }),
        figure({
          name: "navigation → first answered request, p50",
          unit: "ms",
          value: quantile(navOurs, 0.5),
          floor: quantile(navFloor, 0.5),
          floorName: "bare extension",
          goal: "≤ 1.1×",
          samples: navOurs.length,
        }),
        figure({
          name: "navigation → first answered eth_chainId, service worker stopped just before, p50",
          unit: "ms",
          value: quantile(restart.ours, 0.5),
          floor: quantile(restart.floor, 0.5),
          floorName: "bare extension, its worker stopped the same way",
          goal: "≤ 1.1×",
          samples: restart.ours.length,
        }),
      ];
    } finally {
      floorDaemon.kill("SIGTERM");
    }
  } finally {
    await ours.close();
    await floor.close();
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
  }
}
