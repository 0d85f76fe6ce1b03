import { describe, expect, it } from "vitest";
import { MethodProfileSchema } from "../../../protocol/daemonHealth.js";
import { bucketOf, MethodStats } from "./MethodStats.js";

describe("MethodStats", () => {
  it("buckets latencies in order, exactly below 8 µs and within an eighth above", () => {
    let previous = -1;
    for (let us = 0; us < 2 ** 31; us = us < 64 ? us + 1 : Math.ceil(us * 1.01)) {
      const bucket = bucketOf(us);
      expect(bucket).toBeGreaterThanOrEqual(previous);
      previous = bucket;
    }
    expect(bucketOf(2 ** 40)).toBe(bucketOf(2 ** 31 - 1));
    expect(bucketOf(-5)).toBe(0);
  });

  it("reports count, p50 and p99 within 12.5 % and refusals by reason, per method", () => {
    const stats = new MethodStats();
    for (let i = 1; i <= 1000; i++) stats.record("eth_call", i / 10);
    stats.record("eth_sendTransaction", 2, "rateLimit");
    stats.record("eth_sendTransaction", 3, "pending");
    stats.record("eth_sendTransaction", 4, "rejectionBrake");
    stats.record("eth_sendTransaction", 60_000 * 40);
    const snapshot = stats.snapshot();
    expect(Object.keys(snapshot)).toEqual(["eth_call", "eth_sendTransaction"]);
    const call = MethodProfileSchema.parse(snapshot.eth_call);
    expect(call.count).toBe(1000);
    expect(Math.abs(call.p50Ms - 50) / 50).toBeLessThanOrEqual(0.125);
    expect(Math.abs(call.p99Ms - 99) / 99).toBeLessThanOrEqual(0.125);
    expect(call.refused).toEqual({ rateLimit: 0, pending: 0, rejectionBrake: 0 });
    const send = MethodProfileSchema.parse(snapshot.eth_sendTransaction);
    expect(send.count).toBe(4);
    expect(send.refused).toEqual({ rateLimit: 1, pending: 1, rejectionBrake: 1 });
    // The longest is past the histogram's 35 minutes: it lands in the last bucket.
    expect(send.p99Ms).toBeGreaterThan(30 * 60_000);
  });
});
