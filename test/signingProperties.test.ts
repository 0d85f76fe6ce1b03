import fc from "fast-check";
import { verifyMessage, verifyTypedData } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Anvil, startAnvil } from "./support/anvil.js";
import { TEST_ADDRESS_0 } from "./support/host.js";
import { type InProcessWallet, type Outcome, startInProcessWallet } from "./support/inProcessWallet.js";
import {
  ADDRESS,
  anyAddress,
  casing,
  HEX_DATA,
  hexBytes,
  junk,
  QUANTITY,
} from "./support/signingArbitraries.js";

/**
 * docs/security.md test 12: the three signing methods against the real host handlers, over
 * arbitrary params. For every input: no throw that is not one of our RPC errors, no approval
 * asked for invalid input, and either -32602 (4100 for a signer the site may not use) or a
 * valid result. Validity is decided by an oracle written here, independently of the handlers.
 */
const RUNS = Number(process.env.VAUGHAN_PROPERTY_RUNS ?? 10_000);
const ORIGIN = "https://dapp.example";
const STRANGER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

/** The handler's outcome must be -32602, a given code, or pass `ok` with exactly one approval. */
function expectOutcome(outcome: Outcome, expected: "valid" | number, ok: (result: unknown) => void): void {
  if (expected === "valid") {
    expect(outcome).toHaveProperty("result");
    expect(outcome.approvals).toHaveLength(1);
    ok((outcome as { result: unknown }).result);
  } else {
    expect(outcome).toEqual({ code: expected, approvals: [] });
  }
}

describe("signing methods over arbitrary params (fast-check)", () => {
  let anvil: Anvil;
  let w: InProcessWallet;
  let sample = 0;

  beforeAll(async () => {
    anvil = await startAnvil(31337);
    w = await startInProcessWallet({ origin: ORIGIN, chainId: 31337, rpcUrl: anvil.url });
  });
  afterAll(async () => {
    w?.cleanup();
    await anvil?.stop();
  });

  it(`personal_sign: ${RUNS} runs`, async () => {
    const valid = fc.tuple(hexBytes(200), casing(TEST_ADDRESS_0));
    const params = fc.oneof(
      valid,
      fc.tuple(hexBytes(64), anyAddress),
      fc.tuple(fc.oneof(hexBytes(32), junk), fc.oneof(casing(TEST_ADDRESS_0), junk)),
      fc.tuple(hexBytes(32), casing(TEST_ADDRESS_0), fc.anything()),
      fc.array(fc.anything(), { maxLength: 4 }),
    );
    await fc.assert(
      fc.asyncProperty(params, async (p: unknown[]) => {
        // MetaMask's rules: [message, address] with an optional third param; [address, message]
        // swapped when the first is address-sized (42 characters) and the second is not; a
        // message that is not 0x hex is its UTF-8 text.
        const swapped =
          typeof p[0] === "string" && typeof p[1] === "string" && p[0].length === 42 && p[1].length !== 42;
        const [data, address] = swapped ? [p[1], p[0]] : p;
        const wellFormed =
          (p.length === 2 || p.length === 3) &&
          typeof data === "string" &&
          typeof address === "string" &&
          ADDRESS.test(address);
        const expected = !wellFormed ? -32602 : address.toLowerCase() !== TEST_ADDRESS_0 ? 4100 : "valid";
        const outcome = await w.call(ORIGIN, "personal_sign", p);
        expectOutcome(outcome, expected, (signature) => {
          expect(signature).toMatch(/^0x[0-9a-f]{130}$/);
        });
        // Recovering costs a few ms: check a sample of the signatures.
        if (expected === "valid" && sample++ % 50 === 0) {
          const ok = await verifyMessage({
            address: TEST_ADDRESS_0,
            message: HEX_DATA.test(data as string) ? { raw: data as `0x${string}` } : (data as string),
            signature: (outcome as { result: `0x${string}` }).result,
          });
          expect(ok).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  }, 600_000);

  it(`eth_signTypedData_v4: ${RUNS} runs`, async () => {
    const message = fc.record({
      from: fc.record({ name: fc.string({ maxLength: 20 }), wallet: anyAddress }),
      to: fc.record({ name: fc.string({ maxLength: 20 }), wallet: anyAddress }),
      contents: fc.string({ maxLength: 40 }),
      amount: fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }).map((n) => n.toString()),
    });
    const base = message.map((m) => ({
      types: {
        EIP712Domain: [
          { name: "name", type: "string" },
          { name: "chainId", type: "uint256" },
        ],
        Person: [
          { name: "name", type: "string" },
          { name: "wallet", type: "address" },
        ],
        Mail: [
          { name: "from", type: "Person" },
          { name: "to", type: "Person" },
          { name: "contents", type: "string" },
          { name: "amount", type: "uint256" },
        ],
      },
      primaryType: "Mail",
      domain: { name: "Vaughan", chainId: 31337 } as Record<string, unknown>,
      message: m as Record<string, unknown>,
    }));
    /** Each mutation makes the typed data invalid (-32602); the label says how. */
    const mutations = [
      ["extra top-level key", (t: Record<string, unknown>) => ({ ...t, extra: 1 })],
      [
        "extra domain key",
        (t: Record<string, unknown>) => ({ ...t, domain: { ...(t.domain as object), foo: "bar" } }),
      ],
      [
        "domain on another chain",
        (t: Record<string, unknown>) => ({ ...t, domain: { ...(t.domain as object), chainId: 1 } }),
      ],
      [
        "amount above uint256",
        (t: Record<string, unknown>) => ({
          ...t,
          message: { ...(t.message as object), amount: (2n ** 256n).toString() },
        }),
      ],
      [
        "negative amount",
        (t: Record<string, unknown>) => ({ ...t, message: { ...(t.message as object), amount: "-1" } }),
      ],
      [
        "bad address",
        (t: Record<string, unknown>) => ({
          ...t,
          message: { ...(t.message as object), from: { name: "a", wallet: "0x1234" } },
        }),
      ],
      [
        "missing field",
        (t: Record<string, unknown>) => ({
          ...t,
          message: { ...(t.message as object), contents: undefined },
        }),
      ],
      ["unknown primaryType", (t: Record<string, unknown>) => ({ ...t, primaryType: "Nope" })],
      [
        "unknown field type",
        (t: Record<string, unknown>) => ({
          ...t,
          types: { ...(t.types as object), Person: [{ name: "name", type: "strang" }] },
        }),
      ],
      [
        "field key typo",
        (t: Record<string, unknown>) => ({
          ...t,
          types: { ...(t.types as object), Person: [{ name: "name", typ: "string" }] },
        }),
      ],
    ] as const;
    const typed = fc.tuple(
      base,
      fc.option(fc.constantFrom(...mutations.map((_, i) => i)), { nil: undefined, freq: 2 }),
      fc.boolean(),
    );
    const params = fc.oneof(
      typed.map(([t, mutation, asString]) => {
        const data = mutation === undefined ? t : mutations[mutation]?.[1](t);
        // JSON drops `undefined` members, which is what "missing field" means on the wire.
        const wire = asString ? JSON.stringify(data) : JSON.parse(JSON.stringify(data));
        return {
          p: [TEST_ADDRESS_0, wire] as unknown[],
          expected: (mutation === undefined ? "valid" : -32602) as "valid" | number,
          data,
        };
      }),
      typed.map(([t]) => ({ p: [STRANGER, t] as unknown[], expected: 4100 as "valid" | number, data: t })),
      fc.tuple(fc.oneof(casing(TEST_ADDRESS_0), junk), fc.oneof(junk, fc.string(), fc.json())).map((p) => ({
        p: p as unknown[],
        expected: -32602 as "valid" | number,
        data: undefined,
      })),
      fc
        .array(fc.anything(), { maxLength: 4 })
        .map((p) => ({ p, expected: -32602 as "valid" | number, data: undefined })),
    );
    await fc.assert(
      fc.asyncProperty(params, async ({ p, expected, data }) => {
        const outcome = await w.call(ORIGIN, "eth_signTypedData_v4", p);
        expectOutcome(outcome, expected, (signature) => expect(signature).toMatch(/^0x[0-9a-f]{130}$/));
        if (expected === "valid" && sample++ % 50 === 0) {
          const { EIP712Domain: _d, ...types } = (data as { types: Record<string, unknown> }).types;
          const definition = { ...(data as Record<string, unknown>), types };
          const signature = (outcome as { result: `0x${string}` }).result;
          const ok = await verifyTypedData({
            ...definition,
            address: TEST_ADDRESS_0,
            signature,
          } as unknown as Parameters<typeof verifyTypedData>[0]);
          expect(ok).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  }, 600_000);

  it(`eth_sendTransaction: ${RUNS} runs (valid ones are mined by anvil)`, async () => {
    const validFields = {
      from: casing(TEST_ADDRESS_0),
      to: fc.oneof(anyAddress, fc.constant(null)),
      value: fc.bigInt({ min: 0n, max: 10n ** 15n }).map((n) => `0x${n.toString(16)}`),
      // "" is no data (MetaMask's leniency), so it belongs with the valid values.
      data: fc.oneof({ weight: 4, arbitrary: hexBytes(64) }, { weight: 1, arbitrary: fc.constant("") }),
      gas: fc.constant("0x30d40"),
      gasPrice: fc.constant("0x77359400"),
      maxFeePerGas: fc.constant("0x77359400"),
      maxPriorityFeePerGas: fc.constant("0x1"),
      chainId: fc.constant("0x7a69"),
      type: fc.constantFrom("0x0", "0x2"),
      nonce: fc.constant("0x0"),
    };
    const defined = junk.filter((v) => v !== undefined);
    const keys = Object.keys(validFields) as Array<keyof typeof validFields>;
    /** A transaction whose every field is valid, absent, or (when `spoil`) sometimes replaced by junk. */
    const tx = (spoil: boolean) =>
      fc
        .tuple(
          fc.record(validFields, { requiredKeys: ["from", "gas"] }),
          // Junk, never `undefined`: without gas the node estimates it, and its verdict on random
          // init code is the node's business (an error, no approval), not a params question.
          spoil
            ? fc.dictionary(fc.constantFrom(...keys, "extra", "input"), defined, { maxKeys: 2 })
            : fc.constant({}),
          fc.constantFrom("none", "none", "none", "stranger", "wrong-chain", "data-input-differ"),
        )
        .map(([t, spoiled, twist]) => {
          const out: Record<string, unknown> = { ...t, ...spoiled };
          if (twist === "stranger") out.from = STRANGER;
          if (twist === "wrong-chain") out.chainId = "0x1";
          if (twist === "data-input-differ") {
            out.data = "0x01";
            out.input = "0x02";
          }
          return out;
        });
    const params = fc.oneof(
      { weight: 2, arbitrary: tx(false).map((t) => [t] as unknown[]) },
      { weight: 5, arbitrary: tx(true).map((t) => [t] as unknown[]) },
      { weight: 1, arbitrary: fc.array(fc.anything(), { maxLength: 3 }) },
      { weight: 1, arbitrary: tx(false).map((t) => [t, t] as unknown[]) },
    );
    const check: Record<string, (v: unknown) => boolean> = {
      from: (v) => typeof v === "string" && ADDRESS.test(v),
      to: (v) => v === null || (typeof v === "string" && ADDRESS.test(v)),
      // "" is no data, as MetaMask reads it (a form's empty data field sends it so).
      data: (v) => typeof v === "string" && (v === "" || HEX_DATA.test(v)),
      input: (v) => typeof v === "string" && (v === "" || HEX_DATA.test(v)),
      type: (v) => v === "0x0" || v === "0x2",
    };
    const expectedOf = (p: unknown[]): "valid" | number => {
      const t = p[0];
      if (p.length !== 1 || t === null || typeof t !== "object" || Array.isArray(t)) return -32602;
      const entries = Object.entries(t as Record<string, unknown>).filter(([, v]) => v !== undefined);
      if ((t as { from?: unknown }).from === undefined) return -32602;
      for (const [k, v] of entries) {
        if (!Object.hasOwn(validFields, k) && k !== "input") return -32602;
        const ok = check[k] ?? ((x: unknown) => typeof x === "string" && QUANTITY.test(x));
        if (!ok(v)) return -32602;
      }
      const o = t as Record<string, string>;
      if (o.from?.toLowerCase() !== TEST_ADDRESS_0) return 4100;
      if (o.chainId !== undefined && Number(o.chainId) !== 31337) return -32602;
      const bytes = (v: string) => (v === "" ? "0x" : v);
      if (o.data !== undefined && o.input !== undefined && bytes(o.data) !== bytes(o.input)) return -32602;
      return "valid";
    };
    let mined = 0;
    await fc.assert(
      fc.asyncProperty(params, async (p) => {
        const expected = expectedOf(p);
        const outcome = await w.call(ORIGIN, "eth_sendTransaction", p);
        expectOutcome(outcome, expected, (hash) => expect(hash).toMatch(/^0x[0-9a-f]{64}$/));
        if (expected === "valid") mined++;
      }),
      { numRuns: RUNS },
    );
    expect(mined).toBeGreaterThan(RUNS / 20);
  }, 600_000);
});
