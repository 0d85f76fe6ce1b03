import { type ChildProcess, spawn } from "node:child_process";
import { sampleProcess } from "../test/reliability/support.js";
import type { BenchHost } from "./setup.js";
import { type Figure, figure, sleep } from "./stats.js";
import { type HostClient, openBareClient, openHostClient } from "./wsClient.js";

/** A bare `ws` echo server in its own process, as the daemon is. */
const ECHO_SERVER = `
import { WebSocketServer } from "ws";
const server = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false });
server.on("listening", () => process.stdout.write(server.address().port + "\\n"));
server.on("connection", (ws) => ws.on("message", (data) => ws.send(data, { binary: false })));
`;

export function startEcho(): Promise<{ port: number; child: ChildProcess }> {
  return startBareServer(ECHO_SERVER);
}

/** Runs `source` (an ES module that prints its port) in its own node process, as the daemon is. */
export async function startBareServer(source: string): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--input-type=module", "-e", source], {
    stdio: ["ignore", "pipe", "inherit"],
    cwd: process.cwd(),
  });
  const port = await new Promise<number>((resolve) =>
    child.stdout?.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
  );
  return { port, child };
}

/** Source addresses on the loopback /8, 30 clients each: the host admits 40 handshakes per source per 10 s. */
const sourceFor = (i: number) => `127.0.0.${2 + Math.floor(i / 30)}`;

/** One round of one side: short, so that drift on this machine meets both sides alike. */
const ROUND_MS = 250;

/** Requests answered per second by `clients`, each sending its next request when the last is answered. */
async function throughput(clients: Array<() => Promise<unknown>>, ms: number): Promise<number> {
  let answered = 0;
  const end = performance.now() + ms;
  const start = performance.now();
  await Promise.all(
    clients.map(async (call) => {
      while (performance.now() < end) {
        await call();
        answered++;
      }
    }),
  );
  return (answered * 1000) / (performance.now() - start);
}

/**
 * WebSocket throughput with 1, 10 and 100 authenticated clients against a bare echo server; and
 * memory per connection. The call is the popup's `vaughan_siteChain` (the current site's chain):
 * the host answers the extension's own calls without rate limits, it still takes every check
 * (envelope, JSON-RPC, the handler's params schema, the site and chain look-ups), and its answer
 * is about the size of its request, as an echo's is. `vaughan_status` answers 240 bytes to a
 * 92-byte request: the bigger answer alone (a bare server sending those bytes) costs ~16 % of a
 * one-client round trip here, which is the payload's cost and not the transport's.
 */
const CALL: [string, string[]] = ["vaughan_siteChain", ["https://app.example"]];

/** Rounds of ROUND_MS a side: the first `warmRounds` compile the code and are not counted. */
export interface WsBenchRounds {
  rounds: number;
  warmRounds: number;
}

export async function benchWebSocket(
  host: BenchHost,
  { rounds, warmRounds }: WsBenchRounds,
): Promise<Figure[]> {
  const echo = await startEcho();
  const figures: Figure[] = [];
  try {
    for (const [n, base] of [
      [1, 0],
      [10, 30],
      [100, 60],
    ] as const) {
      const clients: HostClient[] = [];
      for (let i = 0; i < n; i++)
        clients.push(await openHostClient(host.wsPort, host.dirs.home, sourceFor(base + i)));
      // The same client code on both sides: the floor differs only by the server.
      const bare = await Promise.all(
        Array.from({ length: n }, (_, i) => openBareClient(echo.port, sourceFor(base + i))),
      );
      const calls = {
        ours: clients.map((c) => () => c.ui(...CALL)),
        floor: bare.map((c) => () => c.ui(...CALL)),
      };
      // Rounds alternate, and so does the side that goes first (ours, floor, floor, ours, ...):
      // neither side sits idle longer than 2 × ROUND_MS. The warm-up is rounds too: after a
      // warm-up of 500 ms a side, one side then the other, ours' first round (its daemon idle
      // while the echo warmed) read 0.54–0.74× the echo with one client, later ones ~0.87×.
      const rate = { ours: 0, floor: 0 };
      for (let round = 0; round < warmRounds + rounds; round++) {
        for (const side of round % 2 === 0 ? (["ours", "floor"] as const) : (["floor", "ours"] as const)) {
          const answered = await throughput(calls[side], ROUND_MS);
          if (round >= warmRounds) rate[side] += answered / rounds;
        }
      }
      figures.push(
        figure({
          name: `WebSocket throughput, ${n} client${n > 1 ? "s" : ""}`,
          unit: "req/s",
          value: rate.ours,
          floor: rate.floor,
          floorName: "bare ws echo server",
          goal: "≥ 0.8×",
          samples: rounds,
        }),
      );
      for (const c of [...clients, ...bare]) c.close();
      await sleep(200);
    }
    // Idle connections only, on sources not used above (the handshake budget is per source).
    await sleep(1000);
    const before = sampleProcess(host.pid).rssKb;
    const idle: HostClient[] = [];
    for (let i = 0; i < 100; i++)
      idle.push(await openHostClient(host.wsPort, host.dirs.home, sourceFor(210 + i)));
    await sleep(1000);
    const after = sampleProcess(host.pid).rssKb;
    for (const c of idle) c.close();
    figures.push(
      figure({
        name: "daemon memory per idle WebSocket connection",
        unit: "KiB",
        value: Math.max(0, after - before) / 100,
        floor: null,
        floorName: null,
        goal: null,
        samples: 100,
      }),
    );
  } finally {
    echo.child.kill("SIGTERM");
  }
  return figures;
}
