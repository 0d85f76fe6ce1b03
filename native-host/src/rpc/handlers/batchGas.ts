import { type Address, type Hex, hexToBigInt } from "viem";
import type { Chain } from "../../stores/chains.js";
import { chainRequest } from "../../wallet/chainClient.js";

/** One call of a batch as the host sends it. */
export interface BatchCall {
  /** Absent: a contract creation, `data` is its init code. */
  to?: Address;
  value: bigint;
  data?: Hex;
}

/**
 * Gas for a call neither the node's estimate nor a simulation could size. It is only ever used
 * for a call the window already showed as failing; the unused part is not charged.
 */
export const FALLBACK_GAS = 1_000_000n;

const q = (n: bigint): Hex => `0x${n.toString(16)}`;
const rpcCall = (from: string, call: BatchCall) => ({
  from,
  ...(call.to ? { to: call.to } : {}),
  value: q(call.value),
  ...(call.data ? { data: call.data } : {}),
});

/** The node's `eth_estimateGas` for one call, or undefined when it reverts or fails. */
export async function estimateCallGas(
  chain: Chain,
  from: string,
  call: BatchCall,
  block: "latest" | "pending" = "latest",
): Promise<bigint | undefined> {
  try {
    return hexToBigInt((await chainRequest(chain, "eth_estimateGas", [rpcCall(from, call), block])) as Hex);
  } catch {
    return undefined;
  }
}

/**
 * A gas limit per call before any is sent. Each call is estimated on its own; one that fails
 * alone (a `transferFrom` that needs the `approve` before it) is sized from an `eth_simulateV1`
 * of the calls in order, with room for refunds and the 63/64 rule; failing that, FALLBACK_GAS.
 * At send time each later call is estimated again, on the state its predecessors left.
 */
export async function estimateBatchGas(
  chain: Chain,
  from: string,
  calls: readonly BatchCall[],
): Promise<bigint[]> {
  const alone = await Promise.all(calls.map((call) => estimateCallGas(chain, from, call)));
  if (alone.every((gas) => gas !== undefined)) return alone as bigint[];
  const simulated = await simulatedGas(chain, from, calls);
  return alone.map((gas, i) => gas ?? simulated?.[i] ?? FALLBACK_GAS);
}

async function simulatedGas(
  chain: Chain,
  from: string,
  calls: readonly BatchCall[],
): Promise<bigint[] | undefined> {
  try {
    const result = (await chainRequest(chain, "eth_simulateV1", [
      { blockStateCalls: [{ calls: calls.map((call) => rpcCall(from, call)) }], validation: false },
      "latest",
    ])) as Array<{ calls?: Array<{ gasUsed?: Hex }> }>;
    const used = result[0]?.calls;
    if (!used || used.length !== calls.length) return undefined;
    return used.map((c) => {
      const gas = hexToBigInt(c.gasUsed ?? "0x0");
      const padded = (gas * 3n) / 2n + 10_000n;
      return padded < 21_000n ? 21_000n : padded;
    });
  } catch {
    return undefined;
  }
}

export type BatchFees = { gasPrice: bigint } | { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint };
