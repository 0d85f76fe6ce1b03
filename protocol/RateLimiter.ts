import { LimitExceededError } from "./errors.js";
import type { Tier } from "./methods.js";
import { TokenBucket } from "./TokenBucket.js";

/** One tier's budget: a steady rate with a burst, and optionally a per-minute ceiling. */
export interface TierLimit {
  readonly perSecond: number;
  readonly burst: number;
  readonly perMinute?: number;
}

/** Each tier's budget; `null` for a tier that spends none. */
export type TierLimits = Readonly<Record<Tier, TierLimit | null>>;

/**
 * The defaults, per origin, sized so a real dApp never meets them while a flood still does.
 * Reads: ethers' BrowserProvider reading 100 balances at once sends 100 eth_getBalance in one
 * burst (and one eth_chainId; sequentially it asks eth_chainId before each), so a page that
 * also reads 100 token balances makes 200+ reads at load: burst 500, then 100/s. Signing and
 * chain changes are braked by one pending approval per kind and by the rejection block; their
 * bucket (burst 20, then 2/s: faster than anyone can approve) stops only floods of requests
 * refused before any prompt. Local-state methods (eth_chainId, eth_accounts…) spend nothing.
 */
export const DEFAULT_TIER_LIMITS: TierLimits = {
  local: null,
  sign: { perSecond: 2, burst: 20 },
  chain: { perSecond: 2, burst: 20 },
  accounts: { perSecond: 10, burst: 40 },
  read: { perSecond: 100, burst: 500 },
  other: { perSecond: 20, burst: 100 },
};

/** Every tier's budget multiplied by `factor` (a connection or the whole host serves many sites). */
export function scaleTierLimits(limits: TierLimits, factor: number): TierLimits {
  const scale = (l: TierLimit | null): TierLimit | null =>
    l && {
      perSecond: l.perSecond * factor,
      burst: l.burst * factor,
      ...(l.perMinute === undefined ? {} : { perMinute: l.perMinute * factor }),
    };
  return {
    local: scale(limits.local),
    sign: scale(limits.sign),
    chain: scale(limits.chain),
    accounts: scale(limits.accounts),
    read: scale(limits.read),
    other: scale(limits.other),
  };
}

/** Keys remembered at most; idle (full) buckets are dropped first, so memory stays bounded. */
const MAX_KEYS = 4096;

/** One key's buckets by tier, made on first use, and when the key was last used. */
interface KeyBuckets {
  readonly tiers: Partial<Record<Tier, readonly TokenBucket[]>>;
  used: number;
}

/**
 * Token buckets per (key, tier), shared by the background (layer 1) and the host (layer 2) so
 * both enforce exactly the same arithmetic (docs/security.md T11). Over budget → -32005. Each request
 * runs `take`, so it builds no strings and no iterators, and leaves the Map's order alone.
 */
export class RateLimiter {
  private readonly keys = new Map<string, KeyBuckets>();
  /** Counts takes: orders keys by last use for eviction, where the clock may stand still. */
  private uses = 0;

  constructor(
    private readonly limits: TierLimits = DEFAULT_TIER_LIMITS,
    private readonly label = "origin",
  ) {}

  /** Takes one request's worth from `key`'s `tier`, or throws LimitExceededError taking nothing. */
  take(key: string, tier: Tier, now: number): void {
    if (this.limits[tier] === null) return;
    let entry = this.keys.get(key);
    if (entry === undefined) {
      this.evict(now);
      entry = { tiers: {}, used: 0 };
      this.keys.set(key, entry);
    }
    entry.used = ++this.uses;
    let buckets = entry.tiers[tier];
    if (buckets === undefined) {
      buckets = this.create(tier, now);
      entry.tiers[tier] = buckets;
    }
    // All or nothing: a request refused by the minute budget must not spend the second budget.
    for (let i = 0; i < buckets.length; i++) {
      if (!(buckets[i] as TokenBucket).has(now))
        throw new LimitExceededError(
          `Rate limit exceeded for ${tier} requests from this ${this.label}; retry later`,
        );
    }
    for (let i = 0; i < buckets.length; i++) (buckets[i] as TokenBucket).spend();
  }

  get size(): number {
    return this.keys.size;
  }

  private create(tier: Tier, now: number): TokenBucket[] {
    const limit = this.limits[tier] as TierLimit;
    const buckets = [new TokenBucket(limit.perSecond, limit.burst, now)];
    if (limit.perMinute !== undefined)
      buckets.push(new TokenBucket(limit.perMinute / 60, limit.perMinute, now));
    return buckets;
  }

  /** Makes room for one more key: idle keys go first, as a full bucket is a fresh one. */
  private evict(now: number): void {
    if (this.keys.size < MAX_KEYS) return;
    for (const [key, entry] of this.keys) {
      if (Object.values(entry.tiers).every((buckets) => buckets.every((b) => b.isFull(now))))
        this.keys.delete(key);
    }
    if (this.keys.size < MAX_KEYS) return;
    // Everyone is busy: forget the least recently used (it gets a fresh, full budget later).
    let oldest: string | undefined;
    let oldestUse = Number.POSITIVE_INFINITY;
    for (const [key, entry] of this.keys) {
      if (entry.used < oldestUse) [oldest, oldestUse] = [key, entry.used];
    }
    if (oldest !== undefined) this.keys.delete(oldest);
  }
}
