import { describe, expect, it } from "vitest";
import { compactCost, formatUnits, parseUnits, parseWhole } from "./units.js";

describe("units", () => {
  it("formats base units without trailing zeros", () => {
    expect(formatUnits(1_500_000_000n, 9)).toBe("1.5");
    expect(formatUnits(-21n, 0)).toBe("-21");
    expect(formatUnits(3_000_000_000n, 9)).toBe("3");
  });

  it("parses what a person types, refusing what is not a number of that precision", () => {
    expect(parseUnits("1.5", 9)).toBe(1_500_000_000n);
    expect(parseUnits(".5", 9)).toBe(500_000_000n);
    expect(parseUnits("2", 9)).toBe(2_000_000_000n);
    expect(parseUnits("0.0000000001", 9)).toBeNull();
    expect(parseUnits("1e9", 9)).toBeNull();
    expect(parseUnits("", 9)).toBeNull();
    expect(parseUnits("-1", 9)).toBeNull();
    expect(parseWhole("21000")).toBe(21_000n);
    expect(parseWhole("21000.5")).toBeNull();
  });

  it("shows a fee with four significant digits, rounded up", () => {
    expect(compactCost("120730680712320", "ETH")).toBe("0.0001208 ETH");
    expect(compactCost("63000000000000", "ETH")).toBe("0.000063 ETH");
    expect(compactCost("1500000000000000000", "ETH")).toBe("1.5 ETH");
    expect(compactCost("1234567800000000000", "ETH")).toBe("1.2346 ETH");
    expect(compactCost("0", "ETH")).toBe("0 ETH");
    expect(compactCost("1", "ETH")).toBe("0.000000000000000001 ETH");
  });
});
