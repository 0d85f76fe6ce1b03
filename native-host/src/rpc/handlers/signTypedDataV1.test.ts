import { typedSignatureHash } from "@metamask/eth-sig-util";
import fc from "fast-check";
import { bytesToHex } from "viem";
import { describe, expect, it } from "vitest";
import { typedDataV1Digest } from "./signTypedDataV1.js";

/** One draft-v1 entry of a scalar type with a value of that type, as dApps send them. */
const entry = fc.oneof(
  fc.record({ type: fc.constant("string"), value: fc.string({ maxLength: 40 }) }),
  fc.record({ type: fc.constant("bool"), value: fc.boolean() }),
  fc.record({
    type: fc.constant("address"),
    value: fc.uint8Array({ minLength: 20, maxLength: 20 }).map(bytesToHex),
  }),
  fc.record({ type: fc.constant("bytes"), value: fc.uint8Array({ maxLength: 40 }).map(bytesToHex) }),
  fc.integer({ min: 1, max: 32 }).chain((n) =>
    fc.record({
      type: fc.constant(`bytes${n}`),
      value: fc.uint8Array({ minLength: n, maxLength: n }).map(bytesToHex),
    }),
  ),
  fc.integer({ min: 1, max: 32 }).chain((n) =>
    fc.record({
      type: fc.constant(`uint${n * 8}`),
      value: fc.bigInt({ min: 0n, max: 2n ** BigInt(n * 8) - 1n }).map((v) => v.toString()),
    }),
  ),
  fc.integer({ min: 1, max: 32 }).chain((n) =>
    fc.record({
      type: fc.constant(`int${n * 8}`),
      value: fc.bigInt({ min: -(2n ** BigInt(n * 8 - 1)), max: 2n ** BigInt(n * 8 - 1) - 1n }).map(String),
    }),
  ),
);

describe("typedDataV1Digest", () => {
  it("equals eth-sig-util's typedSignatureHash (MetaMask's v1) for every scalar type", () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 6 }), (entries) => {
        const named = entries.map((e, i) => ({ ...e, name: `field ${i}` }));
        expect(typedDataV1Digest(named)).toBe(typedSignatureHash(named as never));
      }),
      { numRuns: 500 },
    );
  });
});
