import { describe, expect, it } from "vitest";
import { UnauthorizedError } from "./errors.js";
import { RejectionTracker } from "./RejectionTracker.js";
import { WALLET_ORIGIN } from "./walletOrigin.js";

describe("RejectionTracker", () => {
  it("blocks an origin for 60 s after 3 rejections within 30 s", () => {
    const tracker = new RejectionTracker();
    tracker.record("https://a.example", 0);
    tracker.record("https://a.example", 10_000);
    expect(tracker.isBlocked("https://a.example", 10_000)).toBe(false);
    tracker.record("https://a.example", 29_999);
    expect(tracker.isBlocked("https://a.example", 29_999)).toBe(true);
    expect(() => tracker.check("https://a.example", 89_998)).toThrow(UnauthorizedError);
    expect(tracker.isBlocked("https://b.example", 30_000)).toBe(false);
    expect(tracker.isBlocked("https://a.example", 89_999)).toBe(false);
    // The block wiped the history: one more rejection does not re-block.
    tracker.record("https://a.example", 90_000);
    expect(tracker.isBlocked("https://a.example", 90_000)).toBe(false);
  });

  it("does not count rejections older than 30 s", () => {
    const tracker = new RejectionTracker();
    tracker.record("https://a.example", 0);
    tracker.record("https://a.example", 20_000);
    tracker.record("https://a.example", 30_000);
    expect(tracker.isBlocked("https://a.example", 30_000)).toBe(false);
  });

  it("answers 4100", () => {
    const tracker = new RejectionTracker();
    for (let i = 0; i < 3; i++) tracker.record("https://a.example", 0);
    try {
      tracker.check("https://a.example", 1);
      expect.unreachable();
    } catch (error) {
      expect((error as UnauthorizedError).code).toBe(4100);
    }
  });

  it("never brakes the wallet's own prompts, however often the person rejects them", () => {
    const tracker = new RejectionTracker();
    for (let i = 0; i < 10; i++) tracker.record(WALLET_ORIGIN, i * 1_000);
    expect(tracker.isBlocked(WALLET_ORIGIN, 10_000)).toBe(false);
    expect(() => tracker.check(WALLET_ORIGIN, 10_000)).not.toThrow();
    // A site rejected as often, beside it, is braked as before.
    for (let i = 0; i < 3; i++) tracker.record("https://a.example", i * 1_000);
    expect(tracker.isBlocked("https://a.example", 3_000)).toBe(true);
  });
});
