import { describe, expect, it } from "vitest";
import { parseRelayRequest } from "./pageLimits.js";

function nested(levels: number): unknown {
  let deep: unknown = [];
  for (let i = 0; i < levels; i++) deep = [deep];
  return deep;
}

describe("parseRelayRequest: a page's request at the background (T12, layer 1)", () => {
  it("accepts ordinary requests, with and without params", () => {
    const plain = { type: "request", id: 1, method: "eth_chainId" };
    const withParams = { type: "request", id: 2, method: "eth_getBalance", params: ["0x00", "latest"] };
    expect(parseRelayRequest(plain)).toEqual(plain);
    expect(parseRelayRequest(withParams)).toEqual(withParams);
  });

  it("refuses a message over 1 MiB", () => {
    const params = ["x".repeat(1_048_576)];
    expect(parseRelayRequest({ type: "request", id: 1, method: "personal_sign", params })).toBeUndefined();
  });

  it("refuses nesting deeper than 64, without recursing through all 100,000 levels", () => {
    expect(
      parseRelayRequest({ type: "request", id: 1, method: "eth_call", params: nested(64) }),
    ).toBeUndefined();
    expect(
      parseRelayRequest({ type: "request", id: 1, method: "eth_call", params: nested(100_000) }),
    ).toBeUndefined();
    // One level less fits: the message itself is the first level.
    expect(
      parseRelayRequest({ type: "request", id: 1, method: "eth_call", params: nested(62) }),
    ).toBeDefined();
  });

  it("refuses what cannot be serialized", () => {
    expect(parseRelayRequest({ type: "request", id: 1, method: "eth_call", params: [1n] })).toBeUndefined();
  });

  it("measures a message of another shape before its schema walks it", () => {
    const odd = { type: "request", id: 1, method: "eth_call", params: [], extra: nested(100_000) };
    expect(parseRelayRequest(odd)).toBeUndefined();
    expect(parseRelayRequest({ type: "request", id: -1, method: "eth_chainId" })).toBeUndefined();
  });
});
