import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { handleJsonRpc } from "../../native-host/src/rpc/jsonRpc.js";
import { InvalidRequestError, ParseError } from "../../protocol/errors.js";
import { parseJson } from "../../protocol/json.js";
import {
  ExtensionToHostSchema,
  HostToExtensionSchema,
  JsonRpcRequestSchema,
  JsonRpcResponseSchema,
  RelayRequestSchema,
  RelayResponseSchema,
} from "../../protocol/messages.js";

const schemas = {
  ExtensionToHostSchema,
  HostToExtensionSchema,
  JsonRpcRequestSchema,
  JsonRpcResponseSchema,
  RelayRequestSchema,
  RelayResponseSchema,
};

/** Valid-looking messages to mutate: close to the real thing, so mutations reach deep branches. */
const seeds: unknown[] = [
  {
    v: 1,
    type: "rpc",
    origin: "https://a.example",
    payload: { jsonrpc: "2.0", id: 1, method: "eth_chainId" },
  },
  { v: 1, type: "ui", payload: { jsonrpc: "2.0", id: 2, method: "vaughan_status", params: [] } },
  {
    type: "request",
    id: 3,
    method: "eth_sendTransaction",
    params: [{ from: "0x0", to: "0x1", value: "0x1" }],
  },
  [
    { jsonrpc: "2.0", id: 1, method: "eth_blockNumber" },
    { jsonrpc: "2.0", method: "eth_chainId" },
  ],
  { jsonrpc: "2.0", id: "x", error: { code: 4001, message: "no" } },
];

/** A JSON text from a seed with random edits: inserted, deleted and replaced characters. */
const mutatedJson = fc
  .tuple(
    fc.constantFrom(...seeds),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 2 }), fc.string({ maxLength: 3 })), { maxLength: 6 }),
  )
  .map(([seed, edits]) => {
    let text = JSON.stringify(seed);
    for (const [at, kind, s] of edits) {
      const i = at % (text.length + 1);
      text =
        kind === 0
          ? text.slice(0, i) + s + text.slice(i)
          : kind === 1
            ? text.slice(0, i) + text.slice(i + 1)
            : text.slice(0, i) + s + text.slice(i + s.length);
    }
    return text;
  });

const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  mutatedJson,
  fc.json({ maxDepth: 6 }),
  fc.nat({ max: 200 }).map((n) => "[".repeat(n) + "]".repeat(n)),
);

/** Parses like every transport edge does; an error must be one of ours (never a TypeError). */
function parseLikeAnEdge(text: string): unknown {
  try {
    return parseJson(text);
  } catch (error) {
    expect(error instanceof ParseError || error instanceof InvalidRequestError).toBe(true);
    return undefined;
  }
}

/** Every parser at a trust boundary under random and mutated input, bounded runs. */
describe("message parsers fuzz", () => {
  it("parseJson only ever returns or throws -32700 / -32600", () => {
    fc.assert(
      fc.property(anyText, (text) => void parseLikeAnEdge(text)),
      { numRuns: 3000 },
    );
  });

  it("the protocol schemas never throw, whatever they are given", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything({ maxDepth: 4 }), anyText.map(parseLikeAnEdge)), (value) => {
        for (const schema of Object.values(schemas))
          expect(typeof schema.safeParse(value).success).toBe("boolean");
      }),
      { numRuns: 2000 },
    );
  });

  it("handleJsonRpc answers any payload with well-formed JSON-RPC responses", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(anyText.map(parseLikeAnEdge), fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 })),
        async (payload) => {
          const answer = await handleJsonRpc(payload, async (request) => request.method);
          if (answer === undefined) return;
          for (const response of Array.isArray(answer) ? answer : [answer]) {
            expect(JsonRpcResponseSchema.safeParse(response).success).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
