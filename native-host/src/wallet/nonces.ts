import { type Hex, hexToBigInt } from "viem";
import type { Chain } from "../stores/chains.js";
import { chainRequest } from "./chainClient.js";

/**
 * Nonces of ours at or above the chain's pending count checked per send: a bound on chain calls.
 * Past it (never in practice: that many sends the node has not counted) the chain's count rules.
 */
export const MAX_CHECKED_NONCES = 32;

/** A transaction of the account's the wallet broadcast and believes pending: its nonce and hash. */
export interface SentNonce {
  nonce: number;
  hash: string;
}

/**
 * The next nonce: the lowest one at or above the chain's pending count that no transaction of
 * ours still pending holds. Above the count, ours fill in where the node has not counted them
 * yet (a node may count a just-accepted transaction late); a nonce whose transaction was
 * refused or dropped is free again, so a later send closes the gap rather than queue behind it.
 */
export function firstFreeNonce(chainPending: bigint, held: ReadonlySet<bigint>): bigint {
  let next = chainPending;
  while (held.has(next)) next++;
  return next;
}

/** The nonces handed out inside one lock: `peek` the next, `sent` once one was broadcast. */
export interface NonceSequence {
  peek(): bigint;
  /** A transaction with this nonce was accepted by the node (the next peek moves past it). */
  sent(nonce: bigint, hash: string): void;
}

/**
 * One nonce sequence per (chain, account), whichever site, browser or method sends: every
 * transaction the host signs takes its nonce here, under the account's lock, so two sends never
 * share one. The chain is the source of truth: each lock starts from the node's pending count
 * and adds only those of ours above it that the node still knows by hash, so a transaction
 * that never landed (refused at broadcast, dropped from the pool) never holds its nonce. What
 * was broadcast is kept in memory and in the activity (`recorded`), so after a restart the
 * pending transactions the activity lists still count.
 */
export class Nonces {
  private readonly locks = new Map<string, Promise<unknown>>();
  /** Per (chain, account): each nonce broadcast and the hashes sent with it (a replacement adds one). */
  private readonly broadcast = new Map<string, Map<bigint, Set<string>>>();

  constructor(
    /** The account's pending transactions the activity lists (the wallet's own and sites'). */
    private readonly recorded: (chainId: number, account: string) => readonly SentNonce[] = () => [],
  ) {}

  /**
   * Runs `run` holding the account's nonce lock. A batch keeps the lock for all its calls, so
   * its nonces are consecutive and no other send slips in between.
   */
  withNonces<T>(chain: Chain, from: string, run: (nonces: NonceSequence) => Promise<T>): Promise<T> {
    const account = from.toLowerCase();
    const key = `${chain.chainId}:${account}`;
    const previous = this.locks.get(key) ?? Promise.resolve();
    const task = previous
      .catch(() => undefined)
      .then(async () => {
        const chainPending = hexToBigInt(
          (await chainRequest(chain, "eth_getTransactionCount", [account, "pending"])) as Hex,
        );
        const held = await this.stillPending(chain, key, account, chainPending);
        let current = firstFreeNonce(chainPending, held);
        return run({
          peek: () => current,
          sent: (nonce, hash) => {
            this.remember(key, nonce, hash);
            held.add(nonce);
            if (nonce === current) current = firstFreeNonce(current, held);
          },
        });
      });
    this.locks.set(key, task);
    // The lock's chain stays as long as sends keep coming; the last one removes its own entry.
    const unlock = () => this.locks.get(key) === task && this.locks.delete(key);
    void task.then(unlock, unlock);
    return task;
  }

  /**
   * One transaction's nonce: `run` signs and broadcasts with it and returns the hash; only then
   * does the nonce count as used (a failed broadcast frees it at once). `fixed` is a nonce the
   * person chose, or a replacement's (checked already), used as it is.
   */
  withNonce(chain: Chain, from: string, run: (nonce: bigint) => Promise<Hex>, fixed?: number): Promise<Hex> {
    return this.withNonces(chain, from, async (nonces) => {
      const nonce = fixed === undefined ? nonces.peek() : BigInt(fixed);
      const hash = await run(nonce);
      nonces.sent(nonce, hash);
      return hash;
    });
  }

  private remember(key: string, nonce: bigint, hash: string): void {
    const nonces = this.broadcast.get(key) ?? new Map<bigint, Set<string>>();
    this.broadcast.set(key, nonces);
    const hashes = nonces.get(nonce) ?? new Set<string>();
    nonces.set(nonce, hashes.add(hash.toLowerCase()));
  }

  /**
   * Our nonces at or above the chain's pending count whose transaction the node still knows by
   * hash. Below the count the chain carries them itself, so they are forgotten here; one the node
   * no longer knows was refused or dropped, and is forgotten too.
   */
  private async stillPending(chain: Chain, key: string, account: string, chainPending: bigint) {
    const candidates = new Map<bigint, Set<string>>();
    const mine = this.broadcast.get(key);
    for (const [nonce, hashes] of mine ?? []) {
      if (nonce < chainPending) mine?.delete(nonce);
      else candidates.set(nonce, new Set(hashes));
    }
    for (const { nonce, hash } of this.recorded(chain.chainId, account)) {
      const n = BigInt(nonce);
      if (n < chainPending) continue;
      candidates.set(n, (candidates.get(n) ?? new Set<string>()).add(hash.toLowerCase()));
    }
    const held = new Set<bigint>();
    const checked = [...candidates.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const nonce of checked.slice(0, MAX_CHECKED_NONCES)) {
      const hashes = [...(candidates.get(nonce) ?? [])];
      const known = await Promise.all(
        hashes.map((hash) => chainRequest(chain, "eth_getTransactionByHash", [hash])),
      );
      if (known.some((tx) => tx !== null && tx !== undefined)) held.add(nonce);
      else mine?.delete(nonce);
    }
    if (mine?.size === 0) this.broadcast.delete(key);
    return held;
  }
}
