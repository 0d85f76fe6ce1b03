import { describe, expect, it } from "vitest";
import { SourceLimiter } from "./sourceLimiter.js";

describe("SourceLimiter", () => {
  const limits = { maxHandshakes: 3, windowMs: 1000, freeFailures: 2, baseBackoffMs: 100, maxBackoffMs: 400 };

  it("rate-limits handshakes per window and source", () => {
    const limiter = new SourceLimiter(limits);
    expect([0, 1, 2, 3].map(() => limiter.admit("a", 0))).toEqual(["ok", "ok", "ok", "rate"]);
    expect(limiter.admit("b", 0)).toBe("ok");
    expect(limiter.admit("a", 1000)).toBe("ok");
  });

  it("backs off exponentially after the free failures, up to the cap", () => {
    const limiter = new SourceLimiter(limits);
    limiter.fail("a", 0);
    limiter.fail("a", 0);
    expect(limiter.admit("a", 0)).toBe("ok");
    limiter.fail("a", 0);
    expect(limiter.admit("a", 99)).toBe("backoff");
    expect(limiter.admit("a", 100)).toBe("ok");
    limiter.fail("a", 100);
    expect(limiter.admit("a", 299)).toBe("backoff");
    for (let i = 0; i < 10; i++) limiter.fail("a", 300);
    expect(limiter.admit("a", 699)).toBe("backoff");
    expect(limiter.admit("b", 699)).toBe("ok");
  });

  it("forgets failures after a quiet period", () => {
    const limiter = new SourceLimiter(limits);
    for (let i = 0; i < 3; i++) limiter.fail("a", 0);
    limiter.fail("a", 10_000);
    expect(limiter.admit("a", 10_000)).toBe("ok");
  });
});
