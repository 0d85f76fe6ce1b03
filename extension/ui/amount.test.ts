import { describe, expect, it } from "vitest";
import { formatAmount, timeAgo } from "./amount.js";

describe("formatAmount", () => {
  it("shows whole units grouped, with up to four decimals and no trailing zeros", () => {
    expect(formatAmount("10000000000000000000000", 18)).toBe("10,000");
    expect(formatAmount("1500000000000000000", 18)).toBe("1.5");
    expect(formatAmount("123456789", 6)).toBe("123.4567");
    expect(formatAmount("0", 18)).toBe("0");
    expect(formatAmount("42", 0)).toBe("42");
  });

  it("says dust is below the smallest shown step instead of rounding it to zero", () => {
    expect(formatAmount("1", 18)).toBe("< 0.0001");
  });
});

describe("timeAgo", () => {
  it("reads as a person would say it", () => {
    const now = 1_000_000_000_000;
    expect(timeAgo(now - 10_000, now)).toBe("just now");
    expect(timeAgo(now - 5 * 60_000, now)).toBe("5 min ago");
    expect(timeAgo(now - 3 * 3_600_000, now)).toBe("3 h ago");
    expect(timeAgo(now - 26 * 3_600_000, now)).toBe("yesterday");
  });
});
