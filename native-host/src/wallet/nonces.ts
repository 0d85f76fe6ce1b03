import { type Hex, hexToBigInt } from "viem";
import type { Chain } from "../stores/chains.js";
import { chainRequest } from "./chainClient.js";

/**
 * One nonce sequence per (chain, account), whichever site, browser or method sends: every
 * transaction the host signs takes its nonce here, under a lock, so two sends never share one.
 */
const nonceLocks = new Map<string, Promise<unknown>>();
const nextNonce = new Map<string, bigint>();

/** The nonces handed out inside one lock: `peek` the next, `advance` once it was broadcast. */
export interface NonceSequence {
  peek(): bigint;
  advance(): void;
  /** A nonce the person chose was broadcast: the sequence goes on after it (never back). */
  used(nonce: bigint): void;
}

/**
 * Runs `run` holding the account's nonce lock, starting from the larger of the node's pending
 * count and the last nonce this host used. A batch keeps the lock for all its calls, so its
 * nonces are consecutive and no other send slips in between.
 */
export async function withNonces<T>(
  chain: Chain,
  from: string,
  run: (nonces: NonceSequence) => Promise<T>,
): Promise<T> {
  const key = `${chain.chainId}:${from.toLowerCase()}`;
  const previous = nonceLocks.get(key) ?? Promise.resolve();
  const task = previous
    .catch(() => undefined)
    .then(async () => {
      const pending = hexToBigInt(
        (await chainRequest(chain, "eth_getTransactionCount", [from, "pending"])) as Hex,
      );
      const local = nextNonce.get(key) ?? 0n;
      let current = pending > local ? pending : local;
      const used = (nonce: bigint) => {
        if (nonce + 1n <= current) return;
        current = nonce + 1n;
        nextNonce.set(key, current);
      };
      return run({ peek: () => current, advance: () => used(current), used });
    });
  nonceLocks.set(key, task);
  // The lock's chain stays as long as sends keep coming; the last one removes its own entry.
  void task.then(
    () => nonceLocks.get(key) === task && nonceLocks.delete(key),
    () => nonceLocks.get(key) === task && nonceLocks.delete(key),
  );
  return task;
}

/**
 * One transaction's nonce: used only when `run` succeeds (a failed broadcast frees it). `fixed`
 * is the person's own nonce (checked already), used as it is.
 */
export function withNonce<T>(
  chain: Chain,
  from: string,
  run: (nonce: bigint) => Promise<T>,
  fixed?: number,
): Promise<T> {
  return withNonces(chain, from, async (nonces) => {
    const nonce = fixed === undefined ? nonces.peek() : BigInt(fixed);
    const result = await run(nonce);
    nonces.used(nonce);
    return result;
  });
}
