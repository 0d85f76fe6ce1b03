import { describe, expect, it } from "vitest";
import { LimitExceededError } from "./errors.js";
import { DEFAULT_TIER_LIMITS, RateLimiter, scaleTierLimits } from "./RateLimiter.js";
import { TokenBucket } from "./TokenBucket.js";

/** Requests admitted out of `count` made at `now`. */
function admitted(
  limiter: RateLimiter,
  key: string,
  tier: Parameters<RateLimiter["take"]>[1],
  count: number,
  now: number,
): number {
  let ok = 0;
  for (let i = 0; i < count; i++) {
    try {
      limiter.take(key, tier, now);
      ok++;
    } catch (error) {
      expect(error).toBeInstanceOf(LimitExceededError);
      expect((error as LimitExceededError).code).toBe(-32005);
    }
  }
  return ok;
}

describe("TokenBucket", () => {
  it("allows a burst, then refills at its rate, and never above capacity", () => {
    const bucket = new TokenBucket(2, 3, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(bucket.take(499)).toBe(false);
    expect(bucket.take(500)).toBe(true);
    expect(bucket.isFull(100_000)).toBe(true);
    expect([bucket.take(100_000), bucket.take(100_000), bucket.take(100_000), bucket.take(100_000)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it("mints nothing when the clock steps backwards", () => {
    const bucket = new TokenBucket(1, 1, 10_000);
    expect(bucket.take(10_000)).toBe(true);
    expect(bucket.take(0)).toBe(false);
    expect(bucket.take(10_999)).toBe(false);
    expect(bucket.take(11_000)).toBe(true);
  });
});

describe("RateLimiter with the default budgets", () => {
  it("signing: burst 20, then 2/s, with no minute ceiling (the pending rule brakes a person)", () => {
    const limiter = new RateLimiter();
    expect(admitted(limiter, "https://a.example", "sign", 25, 0)).toBe(20);
    expect(admitted(limiter, "https://a.example", "sign", 3, 1000)).toBe(2);
    // Ten approvals in a row, one every 500 ms (as soon as approve arms), go through.
    let ok = 0;
    for (let t = 60_000; t < 65_000; t += 500) ok += admitted(limiter, "https://a.example", "sign", 1, t);
    expect(ok).toBe(10);
  });

  it("local-state methods spend no budget at all", () => {
    const limiter = new RateLimiter();
    expect(admitted(limiter, "https://a.example", "local", 10_000, 0)).toBe(10_000);
    expect(limiter.size).toBe(0);
  });

  it("keeps tiers and keys apart", () => {
    const limiter = new RateLimiter();
    expect(admitted(limiter, "https://a.example", "read", 600, 0)).toBe(500);
    expect(admitted(limiter, "https://a.example", "accounts", 50, 0)).toBe(40);
    expect(admitted(limiter, "https://a.example", "other", 120, 0)).toBe(100);
    expect(admitted(limiter, "https://a.example", "chain", 25, 0)).toBe(20);
    expect(admitted(limiter, "https://b.example", "read", 600, 0)).toBe(500);
    expect(admitted(limiter, "https://a.example", "read", 150, 1000)).toBe(100);
  });

  it("a refusal by the minute budget spends none of the second budget", () => {
    const limiter = new RateLimiter({
      ...DEFAULT_TIER_LIMITS,
      sign: { perSecond: 100, burst: 100, perMinute: 1 },
    });
    expect(admitted(limiter, "k", "sign", 3, 0)).toBe(1);
    expect(admitted(limiter, "k", "sign", 1, 60_000)).toBe(1);
  });

  it("scales every budget for connection-wide and global limits", () => {
    const limits = { ...DEFAULT_TIER_LIMITS, sign: { perSecond: 1, burst: 2, perMinute: 10 } };
    expect(scaleTierLimits(limits, 4).sign).toEqual({ perSecond: 4, burst: 8, perMinute: 40 });
    expect(scaleTierLimits(limits, 4).read).toEqual({ perSecond: 400, burst: 2000 });
    expect(scaleTierLimits(limits, 4).local).toBeNull();
  });

  it("when every key is busy, forgets the least recently used first", () => {
    const limiter = new RateLimiter();
    limiter.take("a", "read", 0);
    limiter.take("b", "read", 0);
    limiter.take("a", "read", 0);
    limiter.take("a", "read", 0);
    // 4,095 more busy keys: the last of them pushes the limiter past 4,096 keys.
    for (let i = 0; i < 4095; i++) limiter.take(`k${i}`, "read", 0);
    expect(admitted(limiter, "a", "read", 500, 0)).toBe(497);
    expect(admitted(limiter, "b", "read", 500, 0)).toBe(500);
  });

  it("stays bounded when keys are endless", () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 10_000; i++) limiter.take(`https://${i}.example`, "read", 0);
    expect(limiter.size).toBeLessThanOrEqual(4096);
  });
});
