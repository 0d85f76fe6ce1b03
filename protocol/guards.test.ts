import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isJsonRpcRequest,
  isJsonRpcResponse,
  isRelayRequest,
  isRelayResponse,
  isRpcEnvelope,
} from "./guards.js";
import {
  ExtensionToHostSchema,
  HostToExtensionSchema,
  JsonRpcRequestSchema,
  JsonRpcResponseSchema,
  RelayRequestSchema,
  RelayResponseSchema,
} from "./messages.js";

// Near-valid values, mostly right with a wrong type, an edge value or an extra key mixed in.
const id = fc.oneof(fc.string({ maxLength: 260 }), fc.double(), fc.integer(), fc.constant(null));
const code = fc.oneof(fc.integer(), fc.double(), fc.constant(2 ** 53), fc.string());
const error = fc.oneof(
  fc.record({ code, message: fc.string({ maxLength: 4100 }) }),
  fc.record({ code, message: fc.string(), data: fc.anything() }),
  fc.record({ code, message: fc.anything(), data: fc.anything(), x: fc.anything() }, { requiredKeys: [] }),
);
const jsonrpc = fc.oneof(fc.constant("2.0"), fc.constant("2.0"), fc.constant("1.0"));
const response = fc.oneof(
  fc.record({ jsonrpc, id, result: fc.anything() }),
  fc.record({ jsonrpc, id, error }),
  fc.record({ jsonrpc, id, result: fc.anything(), error, extra: fc.anything() }, { requiredKeys: [] }),
);
const origin = fc.oneof(fc.webUrl(), fc.string({ maxLength: 2100 }), fc.constant(""), fc.integer());
const v = fc.oneof(fc.constant(1), fc.constant(1), fc.constant(2));
const payload = fc.oneof(response, fc.array(response, { maxLength: 3 }), fc.anything());
const envelope = fc.oneof(
  fc.record({ v, type: fc.constant("rpc"), origin, payload }),
  fc.record({ v, type: fc.constant("ui"), payload }),
  fc.record(
    {
      v,
      type: fc.constantFrom("rpc", "ui", "event", "hello"),
      origin,
      payload,
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  ),
);

const request = fc.oneof(
  fc.record({ type: fc.constant("request"), id: fc.nat(), method: fc.string({ maxLength: 130 }) }),
  fc.record({
    type: fc.constant("request"),
    id: fc.oneof(fc.integer(), fc.double()),
    method: fc.oneof(fc.string(), fc.integer()),
    params: fc.anything(),
  }),
  fc.record(
    {
      type: fc.constantFrom("request", "response"),
      id: fc.anything(),
      method: fc.string(),
      params: fc.anything(),
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  ),
);

const relayResponse = fc.oneof(
  fc.record({ type: fc.constant("response"), id: fc.oneof(fc.nat(), fc.double()), result: fc.anything() }),
  fc.record({ type: fc.constant("response"), id: fc.integer(), error }),
  fc.record({ type: fc.constant("event"), event: fc.string({ maxLength: 70 }), data: fc.anything() }),
  fc.record(
    {
      type: fc.constantFrom("response", "event", "request"),
      id: fc.anything(),
      event: fc.anything(),
      result: fc.anything(),
      error,
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  ),
);

const params = fc.oneof(
  fc.array(fc.anything(), { maxLength: 66 }),
  fc.dictionary(fc.string(), fc.anything()),
  fc.anything(),
);
const jsonRpcRequest = fc.oneof(
  fc.record({ jsonrpc, id, method: fc.string({ maxLength: 130 }), params }),
  fc.record({ jsonrpc, method: fc.string({ maxLength: 130 }) }),
  fc.record(
    { jsonrpc, id: fc.anything(), method: fc.anything(), params, extra: fc.anything() },
    { requiredKeys: [] },
  ),
);

/** Each guard, the schema it must never widen, and near-valid input for it. */
const cases: Array<
  [string, (v: unknown) => boolean, { safeParse(v: unknown): { success: boolean } }, fc.Arbitrary<unknown>]
> = [
  ["relay request", isRelayRequest, RelayRequestSchema, request],
  ["relay response", isRelayResponse, RelayResponseSchema, relayResponse],
  ["JSON-RPC request", isJsonRpcRequest, JsonRpcRequestSchema, jsonRpcRequest],
  ["JSON-RPC response", isJsonRpcResponse, JsonRpcResponseSchema, response],
  // The envelope is the same both ways.
  ["extension-to-host envelope", isRpcEnvelope, ExtensionToHostSchema, envelope],
  ["host-to-extension envelope", isRpcEnvelope, HostToExtensionSchema, envelope],
];

/** What the fast checks accept, the schemas accept: they may only narrow, never widen. */
describe("hot-path guards", () => {
  for (const [name, guard, schema, near] of cases) {
    it(`accept no ${name} its schema refuses`, () => {
      // Counted, so the property cannot pass by the guard accepting nothing.
      let accepted = 0;
      fc.assert(
        fc.property(fc.oneof(near, fc.anything()), (value) => {
          if (!guard(value)) return;
          accepted++;
          expect(schema.safeParse(value).success).toBe(true);
        }),
        { numRuns: 10_000 },
      );
      expect(accepted).toBeGreaterThan(500);
    });
  }

  it("accept the requests a page sends and the answers the host sends", () => {
    expect(isRelayRequest({ type: "request", id: 0, method: "eth_chainId" })).toBe(true);
    expect(isJsonRpcRequest({ jsonrpc: "2.0", id: 0, method: "eth_chainId" })).toBe(true);
    expect(isJsonRpcRequest({ jsonrpc: "2.0", method: "eth_call", params: [{}, "latest"] })).toBe(true);
    expect(isRelayRequest({ type: "request", id: 3, method: "personal_sign", params: ["0x", "0x"] })).toBe(
      true,
    );
    const ok = { jsonrpc: "2.0", id: 7, result: "0x1" };
    const failed = { jsonrpc: "2.0", id: null, error: { code: 4001, message: "User rejected" } };
    const withData = { jsonrpc: "2.0", id: "a", error: { code: -32000, message: "x", data: { y: 1 } } };
    for (const r of [ok, failed, withData]) expect(isJsonRpcResponse(r)).toBe(true);
    expect(isRpcEnvelope({ v: 1, type: "rpc", origin: "https://a.example", payload: ok })).toBe(true);
    expect(isRpcEnvelope({ v: 1, type: "ui", payload: [ok, failed] })).toBe(true);
  });

  it("leave everything else to the schemas", () => {
    expect(isRelayRequest({ type: "request", id: -1, method: "eth_chainId" })).toBe(false);
    expect(isJsonRpcRequest({ jsonrpc: "2.0", id: 1, method: "m", params: { a: 1 } })).toBe(false);
    expect(isJsonRpcRequest({ jsonrpc: "2.0", id: 1, method: "m", extra: 1 })).toBe(false);
    expect(isRelayRequest({ type: "request", id: 1, method: "" })).toBe(false);
    expect(isRelayRequest({ type: "request", id: 1, method: "m", origin: "https://evil.example" })).toBe(
      false,
    );
    expect(isJsonRpcResponse({ jsonrpc: "2.0", id: 1, result: 1, error: { code: 1, message: "" } })).toBe(
      false,
    );
    expect(isJsonRpcResponse({ jsonrpc: "2.0", id: 1, error: { code: 1.5, message: "" } })).toBe(false);
    expect(isJsonRpcResponse({ jsonrpc: "2.0", id: Number.NaN, result: 1 })).toBe(false);
    expect(isRpcEnvelope({ v: 1, type: "rpc", origin: "", payload: null })).toBe(false);
    expect(isRpcEnvelope({ v: 1, type: "event", origin: null, event: "connect", data: null })).toBe(false);
    expect(isRpcEnvelope([{ v: 1, type: "ui", payload: null }])).toBe(false);
  });
});
