import { describe, expect, it } from "vitest";
import { firstFreeNonce } from "./nonces.js";

describe("firstFreeNonce", () => {
  it("is the chain's pending count when nothing of ours is above it", () => {
    expect(firstFreeNonce(7n, new Set())).toBe(7n);
    // Ours below the count are the chain's to carry: they change nothing.
    expect(firstFreeNonce(7n, new Set([3n, 6n]))).toBe(7n);
  });

  it("goes past ours the node has not counted yet", () => {
    expect(firstFreeNonce(7n, new Set([7n, 8n]))).toBe(9n);
  });

  it("fills a freed nonce (refused or dropped) before going past the ones still held above it", () => {
    // 7 was dropped (not held), 8 is still queued: 7 is next, then 9.
    const held = new Set([8n]);
    const next = firstFreeNonce(7n, held);
    expect(next).toBe(7n);
    held.add(next);
    expect(firstFreeNonce(next, held)).toBe(9n);
  });

  it("starts at zero for a fresh account", () => {
    expect(firstFreeNonce(0n, new Set())).toBe(0n);
    expect(firstFreeNonce(0n, new Set([0n]))).toBe(1n);
  });
});
