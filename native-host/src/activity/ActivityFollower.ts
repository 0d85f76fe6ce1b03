import type { ActivityEntry } from "../../../protocol/activity.js";
import type { ActivityStore, Settlement } from "../stores/activity.js";
import type { Chain } from "../stores/chains.js";
import { chainRequest } from "../wallet/chainClient.js";
import { quantity } from "./recordActivity.js";

/** First check soon after a send; then the wait doubles up to the cap while nothing changes. */
export const FOLLOW_FIRST_MS = 1_000;
export const FOLLOW_MAX_MS = 15_000;
/** A pending transaction the chain has not known for this long was dropped: `failed`. */
export const DROPPED_AFTER_MS = 30 * 60_000;
/** A transaction the network let go of without mining it, in words. */
const DROPPED_TEXT =
  "The network dropped it without mining it, so it had no effect. Its nonce is free again: send it anew if you still want it.";
/** Pending transactions checked per (chain, account) per round: a bound on chain calls. */
const CHECK_LIMIT = 32;

interface Receipt {
  status?: string;
  gasUsed?: string;
  effectiveGasPrice?: string;
}

/**
 * Follows pending transactions until the chain settles them: polls each one's receipt through
 * its chain's own RPC, at a bounded interval, and marks it `confirmed` or `failed` from the
 * receipt, or `replaced` / `cancelled` once another transaction with its nonce is mined. The
 * list lives in the activity store, so after a restart `resume` picks up where it stopped.
 * Timers are unref'd: following never keeps a process alive.
 */
export class ActivityFollower {
  private readonly followed = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private delay = FOLLOW_FIRST_MS;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly store: ActivityStore,
    private readonly chainOf: (chainId: number) => Chain | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts following every (chain, account) on disk that still has a pending transaction. */
  resume(): void {
    for (const { chainId, account } of this.store.keys()) {
      if (this.store.list(chainId, account).some((e) => e.status === "pending"))
        this.follow(chainId, account);
    }
  }

  /** A transaction of this (chain, account) was sent: check soon. */
  follow(chainId: number, account: string): void {
    this.followed.add(`${chainId}:${account.toLowerCase()}`);
    this.delay = FOLLOW_FIRST_MS;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /**
   * Checks one (chain, account)'s pending transactions now; the popup awaits this before it
   * lists activity. Errors (an unreachable chain) leave them pending for the next round.
   */
  async refresh(chainId: number, account: string): Promise<boolean> {
    const chain = this.chainOf(chainId);
    const pending = this.store
      .list(chainId, account)
      .filter((e) => e.kind === "transaction" && e.status === "pending");
    if (!chain || pending.length === 0) return false;
    try {
      return await this.check(chain, account.toLowerCase(), pending.slice(0, CHECK_LIMIT));
    } catch {
      return false;
    }
  }

  private schedule(): void {
    if (this.stopped || this.followed.size === 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.round(), this.delay);
    this.timer.unref();
  }

  private async round(): Promise<void> {
    if (this.running) return;
    this.running = (async () => {
      let changed = false;
      for (const key of [...this.followed]) {
        const [chainId, account] = key.split(":") as [string, string];
        changed = (await this.refresh(Number(chainId), account)) || changed;
        const stillPending = this.store.list(Number(chainId), account).some((e) => e.status === "pending");
        if (!stillPending) this.followed.delete(key);
      }
      this.delay = changed ? FOLLOW_FIRST_MS : Math.min(this.delay * 2, FOLLOW_MAX_MS);
    })();
    try {
      await this.running;
    } catch {
      // The store could not be read or written (a data folder gone): try again next round.
    } finally {
      this.running = undefined;
      this.schedule();
    }
  }

  /** One round for one (chain, account); true when any entry changed. */
  private async check(chain: Chain, account: string, pending: ActivityEntry[]): Promise<boolean> {
    const { chainId } = chain;
    // The account's mined nonce, read before the receipts: a nonce below it whose transaction
    // has no receipt was taken by another transaction.
    const minedNonce = Number(
      quantity(await chainRequest(chain, "eth_getTransactionCount", [account, "latest"])),
    );
    let changed = false;
    const unmined: ActivityEntry[] = [];
    for (const entry of pending) {
      const receipt = (await chainRequest(chain, "eth_getTransactionReceipt", [
        entry.hash,
      ])) as Receipt | null;
      if (!receipt) {
        unmined.push(entry);
        continue;
      }
      const fee = quantity(receipt.gasUsed) * quantity(receipt.effectiveGasPrice);
      changed =
        this.store.settle(chainId, account, entry.id, {
          status: receipt.status === "0x1" ? "confirmed" : "failed",
          feeWei: fee.toString(),
        }) || changed;
    }
    for (const entry of unmined) {
      if (entry.nonce !== undefined && entry.nonce < minedNonce) {
        // Ours with the same nonce that mined: a speed-up or cancel of it, or a later send that
        // took the nonce after this one was dropped (the nonce module frees a dropped nonce).
        const winner = this.store
          .list(chainId, account)
          .find(
            (e) =>
              e.nonce === entry.nonce &&
              e.id !== entry.id &&
              e.hash !== undefined &&
              (e.status === "confirmed" || e.status === "failed"),
          );
        const settlement: Settlement =
          winner !== undefined && winner.purpose === undefined
            ? { status: "failed", error: DROPPED_TEXT }
            : { status: winner?.purpose === "cancel" ? "cancelled" : "replaced", replacedBy: winner?.hash };
        changed = this.store.settle(chainId, account, entry.id, settlement) || changed;
        continue;
      }
      const known = await chainRequest(chain, "eth_getTransactionByHash", [entry.hash]);
      if (known) {
        this.store.markMissing(chainId, account, entry.id, undefined);
      } else if (entry.missingSince === undefined) {
        this.store.markMissing(chainId, account, entry.id, this.now());
      } else if (this.now() - entry.missingSince > DROPPED_AFTER_MS) {
        changed =
          this.store.settle(chainId, account, entry.id, { status: "failed", error: DROPPED_TEXT }) || changed;
      }
    }
    return changed;
  }
}
