import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HostClient, openHostClient } from "../../bench/wsClient.js";
import { runHost, TEST_ADDRESS_0 } from "../support/host.js";
import { startWallet, type WalletFixture } from "../support/walletFixture.js";
import { daemonPid, originServers, sampleProcess } from "./support.js";

/** Bounded for CI (issue 8: minutes at most); SOAK_MS=600000 for a longer local run. */
const SOAK_MS = Number(process.env.SOAK_MS ?? 60_000);
const CYCLE_MS = 5000;
/**
 * Our WebSocket clients' source address. The host budgets handshakes per source, and on a
 * shared machine other browsers scanning the port range fail handshakes from 127.0.0.1.
 */
const SOAK_SOURCE = "127.0.0.77";
const PAGES = 8;
const WS_CLIENTS = 4;
const READS: Array<[string, unknown[]]> = [
  ["eth_chainId", []],
  ["eth_blockNumber", []],
  ["eth_accounts", []],
  ["net_version", []],
  ["eth_getBalance", [TEST_ADDRESS_0, "latest"]],
];

/** One page's share of a cycle: paced mixed reads; returns how each settled. */
function pageBurst(page: Page, ms: number): Promise<Record<string, number>> {
  return page.evaluate(
    async ([ms, reads]) => {
      type Eth = { request(a: { method: string; params?: unknown }): Promise<unknown> };
      const eth = (window as unknown as { ethereum: Eth }).ethereum;
      const counts: Record<string, number> = {};
      const end = Date.now() + (ms as number);
      let i = 0;
      while (Date.now() < end) {
        const [method, params] = (reads as Array<[string, unknown[]]>)[i++ % (reads as unknown[]).length] as [
          string,
          unknown[],
        ];
        const outcome = await Promise.race([
          eth.request({ method, params }).then(
            () => "ok",
            (e) => String((e as { code?: number }).code),
          ),
          new Promise<string>((r) => setTimeout(() => r("hung"), 10_000)),
        ]);
        counts[outcome] = (counts[outcome] ?? 0) + 1;
        // ~7 a second per page keeps the browser's connection under its read budget (80/s).
        await new Promise((r) => setTimeout(r, 140));
      }
      return counts;
    },
    [ms, READS] as const,
  );
}

/** One WebSocket client's share of a cycle, for its own set of origins. */
async function wsBurst(
  client: HostClient,
  n: number,
  ms: number,
  counts: Record<string, number>,
): Promise<void> {
  const end = Date.now() + ms;
  let i = 0;
  while (Date.now() < end) {
    const [method, params] = READS[i++ % READS.length] as [string, unknown[]];
    const outcome = await client.request(`https://ws-site-${n}-${i % 5}.example`, method, params).then(
      () => "ok",
      (e) => String((e as { code?: number }).code),
    );
    counts[outcome] = (counts[outcome] ?? 0) + 1;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Issue 8: a bounded soak over both transports; the daemon's RSS and open handles stay flat. */
describe("soak", () => {
  let fx: WalletFixture;
  let servers: Awaited<ReturnType<typeof originServers>>;

  beforeAll(async () => {
    fx = await startWallet();
    servers = await originServers(PAGES);
  });
  afterAll(async () => {
    // The wallet (browser, daemon, anvil, temp folder) goes whatever happens to the pages' servers.
    try {
      await servers?.close();
    } finally {
      await fx?.close();
    }
  });

  it("many origins, mixed reads, native and WebSocket: RSS and handles flat", {
    timeout: SOAK_MS + 120_000,
  }, async () => {
    const pages: Page[] = [];
    for (const origin of servers.origins) {
      const page = await fx.context.newPage();
      await page.goto(`${origin}/`);
      pages.push(page);
    }
    await pageBurst(pages[0] as Page, 200);
    const pid = (await daemonPid(fx.dirs.home)) as number;
    const status = JSON.parse(
      (await runHost(["status", "--json"], fx.dirs)).stdout.split("\n")[0] as string,
    ) as { port: number | null };
    expect(status.port).not.toBeNull();
    const counts: Record<string, number> = {};
    const samples: Array<{ t: number; rssKb: number; fds: number }> = [];
    const started = Date.now();
    for (let cycle = 0; Date.now() - started < SOAK_MS; cycle++) {
      // New WebSocket connections every cycle, and every other cycle new page ports: leaks show.
      const clients = await Promise.all(
        Array.from({ length: WS_CLIENTS }, () =>
          openHostClient(status.port as number, fx.dirs.home, SOAK_SOURCE),
        ),
      );
      const results = await Promise.all([
        ...pages.map((page) => pageBurst(page, CYCLE_MS)),
        ...clients.map((client, n) => wsBurst(client, n, CYCLE_MS, counts).then(() => ({}))),
      ]);
      for (const client of clients) client.close();
      for (const result of results)
        for (const [k, v] of Object.entries(result)) counts[k] = (counts[k] ?? 0) + v;
      if (cycle % 2 === 1) await Promise.all(pages.map((page) => page.reload()));
      samples.push({ t: Math.round((Date.now() - started) / 1000), ...sampleProcess(pid) });
    }
    console.log(`soak: ${JSON.stringify(counts)}`);
    console.log("soak: t(s)  daemon RSS (MiB)  open fds");
    for (const s of samples)
      console.log(
        `soak: ${String(s.t).padStart(4)}  ${(s.rssKb / 1024).toFixed(1).padStart(8)}  ${"#".repeat(Math.round(s.rssKb / 4096))}  ${s.fds}`,
      );

    expect(counts.hung ?? 0).toBe(0);
    // Only successes and rate-limit refusals: nothing failed for any other reason.
    expect(Object.keys(counts).filter((k) => k !== "ok" && k !== "-32005")).toEqual([]);
    expect(counts.ok ?? 0).toBeGreaterThan(500);
    // Flat within generous bounds: V8 lets the heap grow ~50 MiB before a major collection
    // (seen: 96 → 152 → 126 MiB over 90 s, flat after), so the bound is on the peak over the
    // warm-up sample (a leak of 10 KiB per request, ~1.3 MiB/s here, crosses it in ~75 s).
    const warm = samples[0] as (typeof samples)[0];
    expect(Math.max(...samples.map((s) => s.rssKb))).toBeLessThan(warm.rssKb + 96 * 1024);
    expect((samples.at(-1) as (typeof samples)[0]).fds).toBeLessThanOrEqual(warm.fds + 10);
  });
});
