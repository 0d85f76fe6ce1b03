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

describe("RateLimiter with the issue-5 defaults", () => {
  it("signing: burst 2, then 1/s, and 10 a minute sustained", () => {
    const limiter = new RateLimiter();
    expect(admitted(limiter, "https://a.example", "sign", 5, 0)).toBe(2);
    expect(admitted(limiter, "https://a.example", "sign", 2, 1000)).toBe(1);
    // Asking every second for ten minutes: the minute budget (10 at once, refilled 10/min) rules.
    let ok = 0;
    for (let t = 2000; t < 602_000; t += 1000) ok += admitted(limiter, "https://a.example", "sign", 1, t);
    expect(ok).toBeGreaterThanOrEqual(100);
    expect(ok).toBeLessThanOrEqual(108);
  });

  it("keeps tiers and keys apart", () => {
    const limiter = new RateLimiter();
    expect(admitted(limiter, "https://a.example", "read", 60, 0)).toBe(50);
    expect(admitted(limiter, "https://a.example", "accounts", 20, 0)).toBe(10);
    expect(admitted(limiter, "https://a.example", "other", 30, 0)).toBe(20);
    expect(admitted(limiter, "https://a.example", "chain", 3, 0)).toBe(2);
    expect(admitted(limiter, "https://b.example", "read", 60, 0)).toBe(50);
    expect(admitted(limiter, "https://a.example", "read", 30, 1000)).toBe(20);
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
    expect(scaleTierLimits(DEFAULT_TIER_LIMITS, 4).sign).toEqual({ perSecond: 4, burst: 8, perMinute: 40 });
    expect(scaleTierLimits(DEFAULT_TIER_LIMITS, 4).read).toEqual({ perSecond: 80, burst: 200 });
  });

  it("when every key is busy, forgets the least recently used first", () => {
    const limiter = new RateLimiter();
    limiter.take("a", "read", 0);
    limiter.take("b", "read", 0);
    limiter.take("a", "read", 0);
    limiter.take("a", "read", 0);
    // 4,095 more busy keys: the last of them pushes the limiter past 4,096 keys.
    for (let i = 0; i < 4095; i++) limiter.take(`k${i}`, "read", 0);
    expect(admitted(limiter, "a", "read", 50, 0)).toBe(47);
    expect(admitted(limiter, "b", "read", 50, 0)).toBe(50);
  });

  it("stays bounded when keys are endless", () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 10_000; i++) limiter.take(`https://${i}.example`, "read", 0);
    expect(limiter.size).toBeLessThanOrEqual(4096);
  });
});
