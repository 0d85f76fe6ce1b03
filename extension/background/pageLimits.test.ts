import { describe, expect, it } from "vitest";
import { withinPageLimits } from "./pageLimits.js";

describe("withinPageLimits (T12, layer 1)", () => {
  it("accepts an ordinary request", () => {
    expect(withinPageLimits({ type: "request", id: 1, method: "eth_chainId" })).toBe(true);
  });

  it("refuses a message over 1 MiB", () => {
    const params = ["x".repeat(1_048_576)];
    expect(withinPageLimits({ type: "request", id: 1, method: "personal_sign", params })).toBe(false);
  });

  it("refuses nesting deeper than 64, without recursing through all 100,000 levels", () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(withinPageLimits({ type: "request", id: 1, method: "eth_call", params: deep })).toBe(false);
  });

  it("refuses what cannot be serialized", () => {
    expect(withinPageLimits({ type: "request", id: 1, method: "eth_call", params: [1n] })).toBe(false);
  });
});
