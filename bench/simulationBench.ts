import { SiteStore } from "../native-host/src/stores/sites.js";
import { startAnvil } from "../test/support/anvil.js";
import { runHost, TEST_ADDRESS_0, TEST_PASSWORD } from "../test/support/host.js";
import { type BenchHost, SIMULATE_ORIGINS } from "./setup.js";
import { type Figure, figure, quantile, sleep } from "./stats.js";
import { openHostClient } from "./wsClient.js";

const RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

/**
 * How long simulation holds back approve: from the `approval` message to its `approval-update`,
 * with simulation on (eth_simulateV1 on a local anvil) against the setting off (the update is
 * sent at once) in the same run, rounds alternating which goes first; and from the request to
 * the approval, which the simulation must not delay. Each prompt is approved,
 * so no origin meets the rejection brake. Only this section's own sites are put on anvil.
 */
export async function benchSimulation(host: BenchHost, runs: number): Promise<Figure[]> {
  const anvil = await startAnvil();
  const client = await openHostClient(host.wsPort, host.dirs.home, "127.0.0.251");
  const shownAt = new Map<string, number>();
  const waits = new Map<string, (ms: number) => void>();
  let requestedAt = 0;
  let opened = 0;
  client.onOther((message) => {
    const approvalId = message.approvalId as string;
    if (message.type === "approval") {
      shownAt.set(approvalId, performance.now());
      opened = performance.now() - requestedAt;
    } else if (message.type === "approval-update") {
      const ms = performance.now() - (shownAt.get(approvalId) ?? Number.NaN);
      client.send({ v: 1, type: "approval-result", approvalId, approved: true });
      waits.get("next")?.(ms);
    }
  });
  /** [approval → update, request → approval] in ms. */
  const once = async (origin: string, simulate: boolean): Promise<[number, number]> => {
    await client.ui("vaughan_setSimulate", [simulate]);
    const update = new Promise<number>((resolve) => waits.set("next", resolve));
    requestedAt = performance.now();
    const sent = client.request(origin, "eth_sendTransaction", [
      { from: TEST_ADDRESS_0, to: RECIPIENT, value: "0x1" },
    ]);
    // A refused request (a limit, an error) must fail the section, not hang it on the update.
    const ms = await Promise.race([update, sent.then(() => Number.NaN)]);
    await sent;
    return [ms, opened];
  };
  const on: number[] = [];
  const off: number[] = [];
  const openOn: number[] = [];
  const openOff: number[] = [];
  try {
    const args = ["chains", "add", "--chain-id", "31337", "--rpc-url", anvil.url, "--name", "Anvil"];
    const result = await runHost(args, host.dirs);
    if (result.code !== 0) throw new Error(`vaughan-host ${args.join(" ")}: ${result.stderr}`);
    // Only this section's sites move to anvil; the daemon reads the file again on reload.
    const sites = new SiteStore(host.dirs.home);
    for (const origin of SIMULATE_ORIGINS) sites.setChain(origin, 31337);
    await client.ui("vaughan_reload");
    await client.ui("vaughan_unlock", [TEST_PASSWORD]);
    for (let i = 0; i <= runs; i++) {
      // One origin per request: sending is limited per origin (its own rate limit).
      const origin = SIMULATE_ORIGINS[i % SIMULATE_ORIGINS.length] as string;
      let a: [number, number];
      let b: [number, number];
      if (i % 2 === 0) {
        a = await once(origin, true);
        b = await once(origin, false);
      } else {
        b = await once(origin, false);
        a = await once(origin, true);
      }
      // The first round warms the chain client and the token reader's code paths.
      if (i > 0) {
        on.push(a[0]);
        off.push(b[0]);
        openOn.push(a[1]);
        openOff.push(b[1]);
      }
      await sleep(300);
    }
  } finally {
    await client.ui("vaughan_setSimulate", [true]).catch(() => undefined);
    client.close();
    await anvil.stop();
  }
  return [
    figure({
      name: "request → approval shown, simulation on (anvil), p50",
      unit: "ms",
      value: quantile(openOn, 0.5),
      floor: quantile(openOff, 0.5),
      floorName: "the same with the simulate setting off",
      goal: null,
      samples: openOn.length,
    }),
    figure({
      name: "approval → approval-update, simulation on (anvil), p50",
      unit: "ms",
      value: quantile(on, 0.5),
      floor: quantile(off, 0.5),
      floorName: "the same with the simulate setting off",
      goal: null,
      samples: on.length,
    }),
    figure({
      name: "approval → approval-update, simulation on (anvil), p99",
      unit: "ms",
      value: quantile(on, 0.99),
      floor: quantile(off, 0.99),
      floorName: "the same with the simulate setting off",
      goal: null,
      samples: on.length,
    }),
  ];
}
