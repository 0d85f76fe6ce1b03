import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEV_EXTENSION_ID } from "../protocol/extensionId.js";
import { sampleProcess } from "../test/reliability/support.js";
import { runHost, stopDaemon, TEST_ADDRESS_0, TEST_PASSWORD } from "../test/support/host.js";
import { NativeClient } from "../test/support/nativeClient.js";
import { startBareSigner } from "./bareSigner.js";
import { type BenchHost, SIGN_ORIGINS } from "./setup.js";
import { type Figure, figure, quantile, since, sleep } from "./stats.js";
import { type HostClient, openBareClient, openHostClient } from "./wsClient.js";

const CALLER = `chrome-extension://${DEV_EXTENSION_ID}/`;

const rpc = (id: number, method: string, params: unknown[] = []) => ({
  v: 1,
  type: "rpc",
  origin: "https://cold.bench.example",
  payload: { jsonrpc: "2.0", id, method, params },
});

/**
 * Browser connects (the host is spawned) → first response, as NativeClient plays Chromium:
 * through `launcher` (what the browser runs) when given, else node and the host directly.
 */
async function coldStart(home: string, launcher?: string): Promise<number> {
  const start = performance.now();
  const client = new NativeClient([CALLER], { VAUGHAN_HOME: home }, launcher);
  client.send(rpc(1, "eth_chainId"));
  await client.next((m) => m.type === "rpc", 20_000);
  const ms = since(start);
  await client.close();
  return ms;
}

function nodeNoop(): Promise<number> {
  const start = performance.now();
  return new Promise((resolve) =>
    spawn(process.execPath, ["-e", "0"], { stdio: "ignore" }).once("exit", () => resolve(since(start))),
  );
}

/** Host cold start, with the daemon running and with none, against `node -e 0`; relay idle RSS. */
export async function benchColdStart(host: BenchHost, runs: number): Promise<Figure[]> {
  const noop: number[] = [];
  const viaLauncher: number[] = [];
  const relayOnly: number[] = [];
  const withDaemon: number[] = [];
  const fresh = mkdtempSync(join(tmpdir(), "vaughan-bench-cold-"));
  // The launcher `install` writes, which is what a browser starts (for a profile in the bench's folder).
  const installed = await runHost(
    ["install", "--browser", "chromium", "--user-data-dir", join(host.dirs.root, "cold-profile")],
    host.dirs,
  );
  if (installed.code !== 0) throw new Error(`install failed: ${installed.stderr}`);
  const launcher = join(host.dirs.home, "bin", "vaughan-host.sh");
  try {
    for (let i = 0; i < runs; i++) {
      noop.push(await nodeNoop());
      viaLauncher.push(await coldStart(host.dirs.home, launcher));
      relayOnly.push(await coldStart(host.dirs.home));
      await stopDaemon(fresh);
      withDaemon.push(await coldStart(fresh));
    }
  } finally {
    await stopDaemon(fresh);
    rmSync(fresh, { recursive: true, force: true });
  }
  const floor = quantile(noop, 0.5);
  const relay = new NativeClient([CALLER], { VAUGHAN_HOME: host.dirs.home });
  relay.send(rpc(1, "eth_chainId"));
  await relay.next((m) => m.type === "rpc");
  await sleep(1000);
  const relayRss = sampleProcess(relay.child.pid as number).rssKb / 1024;
  await relay.close();
  // NODE_EXTRA_CA_CERTS, when set, costs every node start here ~30 ms: the floor pays it; the
  // installed launcher spares the relay (native-host/install/plan.ts), node run directly does not.
  const caNote = process.env.NODE_EXTRA_CA_CERTS ? ", NODE_EXTRA_CA_CERTS set" : "";
  return [
    figure({
      name: "host cold start, daemon running (browser runs the installed launcher → first response), p50",
      unit: "ms",
      value: quantile(viaLauncher, 0.5),
      floor,
      floorName: `node -e 0${caNote}`,
      goal: "≤ 1.5×",
      samples: runs,
    }),
    figure({
      name: "host cold start, daemon running (node runs the host directly → first response), p50",
      unit: "ms",
      value: quantile(relayOnly, 0.5),
      floor,
      floorName: `node -e 0${caNote}`,
      goal: null,
      samples: runs,
    }),
    figure({
      name: "host cold start, no daemon (relay starts it), p50",
      unit: "ms",
      value: quantile(withDaemon, 0.5),
      floor,
      floorName: `node -e 0${caNote}`,
      goal: null,
      samples: runs,
    }),
    figure({
      name: "relay idle RSS",
      unit: "MiB",
      value: relayRss,
      floor: null,
      floorName: null,
      goal: null,
      samples: 1,
    }),
    figure({
      name: "daemon idle RSS",
      unit: "MiB",
      value: sampleProcess(host.pid).rssKb / 1024,
      floor: null,
      floorName: null,
      goal: null,
      samples: 1,
    }),
  ];
}

/**
 * Approves every prompt `client` gets at once, as the approval window would after a click, and
 * returns one signing: a `personal_sign` request, resolved to the ms from our approval-result to
 * the signature.
 */
function signer(client: HostClient): (i: number) => Promise<number> {
  let approvedAt = 0;
  client.onOther((message) => {
    if (message.type !== "approval") return;
    approvedAt = performance.now();
    client.send({ v: 1, type: "approval-result", approvalId: message.approvalId, approved: true });
  });
  // One origin per request: signing is limited to 10 a minute per origin (docs/security.md T11).
  return async (i) => {
    await client.request(SIGN_ORIGINS[i % SIGN_ORIGINS.length] as string, "personal_sign", [
      `0x${Buffer.from(`bench ${i}`).toString("hex")}`,
      TEST_ADDRESS_0,
    ]);
    return since(approvedAt);
  };
}

/**
 * Host-side signing after approval: from our approval-result to the `personal_sign` signature
 * over the real WebSocket session, against a bare server doing the same hops with viem's
 * `signMessage` and nothing else (bareSigner.ts), through the same client code.
 *
 * Both sides are paced alike. Ours must be: signing is rate-limited per origin and connection
 * (docs/security.md T11), so requests are 300 ms apart. A pause alone roughly doubles the cost of
 * the very same viem call on this machine (cold caches), so a floor measured in a hot loop
 * would price the pause, not our code. The two take turns going first in each round, so
 * neither always runs in the other's wake.
 */
export async function benchSigning(host: BenchHost, runs: number): Promise<Figure[]> {
  // Its own source address: the host budgets handshakes per source, and the browser used 127.0.0.1.
  const client = await openHostClient(host.wsPort, host.dirs.home, "127.0.0.250");
  const server = await startBareSigner();
  const samples: number[] = [];
  const bare: number[] = [];
  try {
    await client.ui("vaughan_unlock", [TEST_PASSWORD]);
    const floorClient = await openBareClient(server.port);
    const ours = signer(client);
    const floor = signer(floorClient);
    for (let i = 0; i <= runs; i++) {
      let ms: number;
      let floorMs: number;
      if (i % 2 === 0) {
        ms = await ours(i);
        floorMs = await floor(i);
      } else {
        floorMs = await floor(i);
        ms = await ours(i);
      }
      // The first signature on each side pays secp256k1's one-time table precomputation.
      if (i > 0) {
        samples.push(ms);
        bare.push(floorMs);
      }
      await sleep(300);
    }
    floorClient.close();
  } finally {
    client.close();
    server.child.kill("SIGTERM");
  }
  return [
    figure({
      name: "signing after approval (personal_sign), p50",
      unit: "ms",
      value: quantile(samples, 0.5),
      floor: quantile(bare, 0.5),
      floorName: "bare ws server signing with viem signMessage, same hops and pacing",
      goal: "≤ 1.3×",
      samples: runs,
    }),
  ];
}
