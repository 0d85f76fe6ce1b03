import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonNestingDepth, parseJson, valueDepth } from "./json.js";
import {
  ExtensionToHostSchema,
  HostToExtensionSchema,
  JsonRpcRequestSchema,
  RelayRequestSchema,
  RelayResponseSchema,
} from "./messages.js";
import { lookupMethod } from "./methods.js";
import { isWebOrigin } from "./origin.js";

describe("schemas", () => {
  it("accept the messages each layer sends", () => {
    expect(RelayRequestSchema.parse({ type: "request", id: 1, method: "eth_chainId" })).toBeTruthy();
    expect(RelayResponseSchema.parse({ type: "response", id: 1, result: "0x1" })).toBeTruthy();
    expect(RelayResponseSchema.parse({ type: "event", event: "chainChanged", data: "0x1" })).toBeTruthy();
    expect(
      ExtensionToHostSchema.parse({ v: 1, type: "rpc", origin: "https://a.example", payload: {} }),
    ).toBeTruthy();
    expect(
      HostToExtensionSchema.parse({ v: 1, type: "event", origin: null, event: "accountsChanged", data: [] }),
    ).toBeTruthy();
    expect(
      JsonRpcRequestSchema.parse({ jsonrpc: "2.0", id: 7, method: "eth_call", params: [] }),
    ).toBeTruthy();
  });

  it("are strict: unknown keys, wrong versions and unbounded strings are refused", () => {
    expect(
      RelayRequestSchema.safeParse({ type: "request", id: 1, method: "eth_chainId", origin: "https://x" })
        .success,
    ).toBe(false);
    expect(ExtensionToHostSchema.safeParse({ v: 2, type: "health" }).success).toBe(false);
    expect(
      ExtensionToHostSchema.safeParse({ v: 1, type: "rpc", origin: "x".repeat(3000), payload: {} }).success,
    ).toBe(false);
    expect(JsonRpcRequestSchema.safeParse({ jsonrpc: "1.0", id: 1, method: "m" }).success).toBe(false);
    expect(JsonRpcRequestSchema.safeParse({ jsonrpc: "2.0", id: 1, method: "" }).success).toBe(false);
    expect(JsonRpcRequestSchema.safeParse({ jsonrpc: "2.0", id: {}, method: "m" }).success).toBe(false);
    expect(
      HostToExtensionSchema.safeParse({
        v: 1,
        type: "approval",
        approvalId: "a",
        origin: "o",
        kind: "steal",
        chainId: 1,
        locked: false,
        details: {},
      }).success,
    ).toBe(false);
  });

  it("bound JSON nesting before parsing", () => {
    expect(jsonNestingDepth('{"a":"[[[[","b":[1,[2]]}')).toBe(3);
    expect(() => parseJson(`${"[".repeat(100_000)}${"]".repeat(100_000)}`)).toThrow(
      "JSON nested deeper than 64 levels",
    );
    expect(() => parseJson("{")).toThrow("Parse error");
    expect(valueDepth({ a: [{ b: 1 }] })).toBe(3);
  });

  it("skip the nesting scan only for texts too short to pass the cap", () => {
    const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
    // The shortest text one level too deep is refused, at the cap and with a small one alike.
    expect(() => parseJson(nested(65))).toThrow("JSON nested deeper than 64 levels");
    expect(() => parseJson(nested(3), 2)).toThrow("JSON nested deeper than 2 levels");
    expect(parseJson(nested(64))).toHaveLength(1);
    // Short or long, valid or not: a text is accepted exactly when it is JSON within the cap.
    const texts = fc.oneof(
      fc.stringMatching(/^[[\]{}",:0-9a\\]{0,12}$/),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const accepts = (parse: (t: string) => unknown) => {
          try {
            parse(text);
            return true;
          } catch {
            return false;
          }
        };
        return accepts((t) => parseJson(t, 2)) === (accepts(JSON.parse) && jsonNestingDepth(text) <= 2);
      }),
      { numRuns: 5000 },
    );
  });

  it("measure a value's depth as a recursive walk would, and stop at the limit on a cycle", () => {
    const depth = (v: unknown): number =>
      v === null || typeof v !== "object" ? 0 : 1 + Math.max(0, ...Object.values(v).map(depth));
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), (v) => valueDepth(v, 1000) === depth(v)),
      { numRuns: 2000 },
    );
    const cycle: unknown[] = [];
    cycle.push(cycle);
    expect(valueDepth(cycle, 64)).toBe(65);
  });

  it("look methods up without reaching the prototype", () => {
    expect(lookupMethod("eth_sendTransaction")).toEqual({ tier: "sign", kind: "send-transaction" });
    expect(lookupMethod("__proto__")).toBeUndefined();
    expect(lookupMethod("toString")).toBeUndefined();
  });

  it("serve only serialized web origins", () => {
    expect(isWebOrigin("https://app.example:8443")).toBe(true);
    expect(isWebOrigin("http://127.0.0.1:5173")).toBe(true);
    for (const bad of [
      "null",
      "https://app.example/",
      "HTTPS://APP.EXAMPLE",
      "file:///x",
      "chrome-extension://abc",
      "data:text/html,x",
      "",
    ]) {
      expect(isWebOrigin(bad)).toBe(false);
    }
    // Asked again (answered from the cache of good origins), and past the cache's bound.
    expect(isWebOrigin("https://app.example:8443")).toBe(true);
    for (let i = 0; i < 1500; i++) expect(isWebOrigin(`https://site-${i}.example`)).toBe(true);
    expect(isWebOrigin("https://app.example/")).toBe(false);
    expect(isWebOrigin("http://127.0.0.1:5173")).toBe(true);
  });
});
