import { LimitExceededError } from "./errors.js";
import type { Tier } from "./methods.js";
import { TokenBucket } from "./TokenBucket.js";

/** One tier's budget: a steady rate with a burst, and optionally a per-minute ceiling. */
export interface TierLimit {
  readonly perSecond: number;
  readonly burst: number;
  readonly perMinute?: number;
}

export type TierLimits = Readonly<Record<Tier, TierLimit>>;

/**
 * The issue-5 defaults, per origin: signing and chain changes 1/s burst 2 and at most 10 a
 * minute; account requests 5/s burst 10; reads 20/s burst 50; everything else 10/s burst 20.
 */
export const DEFAULT_TIER_LIMITS: TierLimits = {
  sign: { perSecond: 1, burst: 2, perMinute: 10 },
  chain: { perSecond: 1, burst: 2, perMinute: 10 },
  accounts: { perSecond: 5, burst: 10 },
  read: { perSecond: 20, burst: 50 },
  other: { perSecond: 10, burst: 20 },
};

/** Every tier's budget multiplied by `factor` (a connection or the whole host serves many sites). */
export function scaleTierLimits(limits: TierLimits, factor: number): TierLimits {
  const scale = (l: TierLimit): TierLimit => ({
    perSecond: l.perSecond * factor,
    burst: l.burst * factor,
    ...(l.perMinute === undefined ? {} : { perMinute: l.perMinute * factor }),
  });
  return {
    sign: scale(limits.sign),
    chain: scale(limits.chain),
    accounts: scale(limits.accounts),
    read: scale(limits.read),
    other: scale(limits.other),
  };
}

/** Keys remembered at most; idle (full) buckets are dropped first, so memory stays bounded. */
const MAX_KEYS = 4096;

/**
 * Token buckets per (key, tier), shared by the background (layer 1) and the host (layer 2) so
 * both enforce exactly the same arithmetic (SECURITY.md T11). Over budget → -32005.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket[]>();
  /** The key used last, which is the Map's last entry. */
  private newest: string | undefined;

  constructor(
    private readonly limits: TierLimits = DEFAULT_TIER_LIMITS,
    private readonly label = "origin",
  ) {}

  /** Takes one request's worth from `key`'s `tier`, or throws LimitExceededError taking nothing. */
  take(key: string, tier: Tier, now: number): void {
    const id = `${tier}\n${key}`;
    let buckets = this.buckets.get(id);
    if (!buckets) {
      buckets = this.create(tier, now);
      this.evict(now);
      this.buckets.set(id, buckets);
    } else if (id !== this.newest) {
      // Re-insert: Map order becomes least-recently-used first, for eviction. (A burst from
      // one key finds it last already, and leaves the Map alone.)
      this.buckets.delete(id);
      this.buckets.set(id, buckets);
    }
    this.newest = id;
    // All or nothing: a request refused by the minute budget must not spend the second budget.
    for (const b of buckets) {
      if (!b.has(now))
        throw new LimitExceededError(
          `Rate limit exceeded for ${tier} requests from this ${this.label}; retry later`,
        );
    }
    for (const b of buckets) b.take(now);
  }

  get size(): number {
    return this.buckets.size;
  }

  private create(tier: Tier, now: number): TokenBucket[] {
    const limit = this.limits[tier];
    const buckets = [new TokenBucket(limit.perSecond, limit.burst, now)];
    if (limit.perMinute !== undefined)
      buckets.push(new TokenBucket(limit.perMinute / 60, limit.perMinute, now));
    return buckets;
  }

  private evict(now: number): void {
    if (this.buckets.size < MAX_KEYS) return;
    for (const [id, buckets] of this.buckets) {
      if (buckets.every((b) => b.isFull(now))) this.buckets.delete(id);
    }
    // Everyone is busy: forget the least recently used (it gets a fresh, full budget later).
    while (this.buckets.size >= MAX_KEYS) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
  }
}
