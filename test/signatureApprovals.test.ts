import { SignTypedDataVersion, signTypedData } from "@metamask/eth-sig-util";
import { getAddress } from "viem";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fieldAt } from "../native-host/src/approvals/typedDataView.js";
import {
  type ApprovalDetails,
  SignMessageDetailsSchema,
  SignTypedDataDetailsSchema,
} from "../protocol/approvalDetails.js";
import {
  daiPermit,
  eip2612Permit,
  MAX_UINT48,
  MAX_UINT160,
  MAX_UINT256,
  type PermitDetails,
  permit2Batch,
  permit2Single,
  permit2Transfer,
  siweMessage,
  type TypedData,
  utf8Hex,
} from "../scripts/lib/approvalFixtures.mjs";
import { deployFixture } from "./support/contracts.js";
import { TEST_ADDRESS_0 } from "./support/host.js";
import { type Harness, startHarness } from "./support/walletHarness.js";

/**
 * What the host shows for signatures (typed data, permits, Sign-In with Ethereum) against a real
 * anvil with the fixture ERC-20: the fields exactly as hashed, the permit read from the chain,
 * the warnings the host decides, and a signature equal to MetaMask's eth-sig-util.
 */
const SITE = "https://dapp.example";
/** anvil's first development key: the wallet's Account 1 (public test key, never used off loopback). */
const PRIVATE_KEY = Buffer.from("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "hex");
/** anvil's second account: a plain account (no code). */
const EOA = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const MAX = MAX_UINT256.toString();
const IN_A_DAY = Math.floor(Date.now() / 1000) + 86_400;

type TypedDetails = ApprovalDetails<"sign-typed-data">;

describe("signature approvals against anvil", () => {
  let h: Harness;
  let token: string;
  let bare: string;
  /** A contract to be the spender: anything with code. */
  let router: string;

  beforeAll(async () => {
    h = await startHarness();
    token = getAddress(await deployFixture(h.anvil.url, "FixtureToken"));
    bare = getAddress(await deployFixture(h.anvil.url, "BareToken"));
    router = getAddress(await deployFixture(h.anvil.url, "Reverter"));
    await h.call(SITE, "eth_requestAccounts");
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    h.session.policy = "approve";
  });

  /** Signs through the host; returns the details the window was sent, after checking their schema and the signature. */
  async function signTyped(data: TypedData, version: "v3" | "v4" = "v4"): Promise<TypedDetails> {
    const method = version === "v4" ? "eth_signTypedData_v4" : "eth_signTypedData_v3";
    const answer = await h.call(SITE, method, [TEST_ADDRESS_0, JSON.stringify(data)]);
    expect(answer.error).toBeUndefined();
    const expected = signTypedData({
      privateKey: PRIVATE_KEY,
      data: data as never,
      version: version === "v4" ? SignTypedDataVersion.V4 : SignTypedDataVersion.V3,
    });
    expect(answer.result).toBe(expected);
    const details = h.session.approvals().at(-1)?.details;
    const parsed = SignTypedDataDetailsSchema.safeParse(details);
    expect(parsed.error).toBeUndefined();
    return details as TypedDetails;
  }

  const codes = (d: { warnings: Array<{ code: string; severity: string }> }) =>
    d.warnings.map((w) => `${w.code}:${w.severity}`);

  const permitSingle = (details: PermitDetails, spender: string, sigDeadline: string) =>
    permit2Single({ chainId: 31337, details, spender, sigDeadline });

  it("the audit's case: a Permit2 PermitSingle's undeclared notice is never among the signed fields", async () => {
    const data = permitSingle(
      { token, amount: "1000000000000000000", expiration: String(IN_A_DAY), nonce: "0" },
      router,
      String(IN_A_DAY),
    );
    (data.message as Record<string, unknown>)["⚠ Notice"] = "free login, no tokens move";
    const details = await signTyped(data);
    expect(JSON.stringify([details.domain, details.message])).not.toContain("free login");
    expect(details.unsigned).toEqual([{ path: "message.⚠ Notice", value: "free login, no tokens move" }]);
    expect(codes(details)).toEqual(["permit:caution", "unsigned-fields:caution"]);
    expect(details.warnings[1]?.message).toContain("message.⚠ Notice");
    expect(details.permit).toMatchObject({
      kind: "permit2-single",
      spender: { address: router },
      items: [
        {
          token: { address: token, symbol: "FTK", decimals: 18, standard: "erc20" },
          amount: { raw: "1000000000000000000", formatted: "1 FTK" },
        },
      ],
    });
    expect(fieldAt(details.message, ["details", "amount"])?.amount?.formatted).toBe("1 FTK");
    expect(details.domain.map((f) => f.name)).toEqual(["name", "chainId", "verifyingContract"]);
  });

  const eip2612 = (spender: string, value: string, deadline = String(IN_A_DAY)) =>
    eip2612Permit({
      chainId: 31337,
      token,
      tokenName: "Fixture Token",
      owner: TEST_ADDRESS_0,
      spender,
      value,
      deadline,
    });

  it("an EIP-2612 permit to a plain account is a danger (eoa-spender) beside the permit caution", async () => {
    const details = await signTyped(eip2612(EOA, "1500000000000000000"));
    expect(codes(details)).toEqual(["eoa-spender:danger", "permit:caution"]);
    expect(details.summary).toBe("Allow 0x7099…79C8 to spend 1.5 FTK");
    expect(details.permit?.kind).toBe("eip2612");
    expect(details.permit?.deadline?.iso).toBe(new Date(IN_A_DAY * 1000).toISOString());
    expect(fieldAt(details.message, ["owner"])?.address?.name).toBe("Account 1");
  });

  it("an EIP-2612 permit to a contract has no eoa-spender", async () => {
    const details = await signTyped(eip2612(router, "1500000000000000000"));
    expect(codes(details)).toEqual(["permit:caution"]);
  });

  it("an unlimited EIP-2612 permit says so", async () => {
    const details = await signTyped(eip2612(router, MAX));
    expect(codes(details)).toEqual(["permit:caution", "unlimited-approval:caution"]);
    expect(details.permit?.items[0]?.amount).toEqual({
      raw: MAX,
      formatted: "unlimited FTK",
      unlimited: true,
    });
    expect(details.summary).toBe(`Allow ${router.slice(0, 6)}…${router.slice(-4)} to spend unlimited FTK`);
    const fromHalf = await signTyped(eip2612(router, (2n ** 255n).toString()));
    expect(codes(fromHalf)).toContain("unlimited-approval:caution");
  });

  it("a permit whose deadline has passed is a caution", async () => {
    const details = await signTyped(eip2612(router, "1", "1000"));
    expect(codes(details)).toEqual(["permit:caution", "deadline-passed:caution"]);
  });

  it("DAI's permit: allowed true is unlimited, expiry 0 never ends", async () => {
    const details = await signTyped(
      daiPermit({
        chainId: 31337,
        token,
        tokenName: "Fixture Token",
        holder: TEST_ADDRESS_0,
        spender: router,
        expiry: 0,
        allowed: true,
      }),
    );
    expect(details.permit).toMatchObject({
      kind: "dai",
      items: [{ amount: { unlimited: true, formatted: "unlimited FTK" } }],
      deadline: { raw: "0", iso: null, formatted: "never" },
    });
    expect(codes(details)).toEqual(["permit:caution", "unlimited-approval:caution"]);
  });

  it("Permit2 at the fields' maximum: unlimited (uint160), expiration and sigDeadline never", async () => {
    const details = await signTyped(
      permitSingle({ token, amount: MAX_UINT160, expiration: MAX_UINT48, nonce: "0" }, router, MAX),
    );
    const short = `${router.slice(0, 6)}…${router.slice(-4)}`;
    expect(details.summary).toBe(`Allow ${short} to spend unlimited FTK until never`);
    expect(details.permit?.items[0]?.expiration).toEqual({
      raw: MAX_UINT48.toString(),
      iso: null,
      formatted: "never",
    });
    expect(details.permit?.deadline).toEqual({ raw: MAX, iso: null, formatted: "never" });
    expect(codes(details)).toEqual(["permit:caution", "unlimited-approval:caution"]);
  });

  it("Permit2's expiration 0 lasts only the block the permit is used in", async () => {
    const details = await signTyped(
      permitSingle({ token, amount: "5", expiration: "0", nonce: "1" }, router, String(IN_A_DAY)),
    );
    expect(details.permit?.items[0]?.expiration).toEqual({
      raw: "0",
      iso: null,
      formatted: "the block it is used in",
    });
    expect(codes(details)).toEqual(["permit:caution"]);
  });

  it("Permit2's PermitBatch lists each token in its own decimals", async () => {
    const details = await signTyped(
      permit2Batch({
        chainId: 31337,
        details: [
          { token, amount: "2500000000000000000", expiration: IN_A_DAY, nonce: 0 },
          { token: bare, amount: "1500000", expiration: IN_A_DAY, nonce: 0 },
        ],
        spender: EOA,
        sigDeadline: IN_A_DAY,
      }),
    );
    expect(details.permit?.kind).toBe("permit2-batch");
    expect(details.permit?.items.map((i) => i.amount.formatted)).toEqual([
      "2.5 FTK",
      `1.5 ${bare.slice(0, 6)}…${bare.slice(-4)}`,
    ]);
    expect(codes(details)).toEqual(["eoa-spender:danger", "permit:caution"]);
  });

  it("Permit2's transfer shapes: PermitTransferFrom, PermitBatchTransferFrom, PermitWitnessTransferFrom", async () => {
    const single = await signTyped(
      permit2Transfer({
        chainId: 31337,
        permitted: { token, amount: "3000000000000000000" },
        spender: router,
        nonce: 7,
        deadline: IN_A_DAY,
      }),
    );
    expect(single.permit?.kind).toBe("permit2-transfer");
    expect(single.summary).toMatch(
      /^Allow 0x.{4}….{4} to take 3 FTK once, until \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
    );
    const batch = await signTyped(
      permit2Transfer({
        chainId: 31337,
        permitted: [
          { token, amount: MAX_UINT256 },
          { token: bare, amount: 1 },
        ],
        spender: router,
        nonce: 8,
        deadline: IN_A_DAY,
      }),
    );
    expect(batch.permit?.kind).toBe("permit2-batch-transfer");
    expect(codes(batch)).toEqual(["permit:caution", "unlimited-approval:caution"]);
    const witness = await signTyped(
      permit2Transfer({
        chainId: 31337,
        permitted: { token, amount: 1 },
        spender: router,
        nonce: 9,
        deadline: IN_A_DAY,
        witness: {
          type: "Order",
          types: { Order: [{ name: "minOut", type: "uint256" }] },
          value: { minOut: "42" },
        },
      }),
    );
    expect(witness.permit?.kind).toBe("permit2-witness-transfer");
    expect(fieldAt(witness.message, ["witness", "minOut"])?.value).toBe("42");
  });

  it("nested struct arrays are walked as hashed, in v4; v3 keeps undeclared keys apart too", async () => {
    const types = {
      EIP712Domain: [{ name: "name", type: "string" }],
      Person: [
        { name: "name", type: "string" },
        { name: "wallets", type: "address[]" },
      ],
      Group: [
        { name: "members", type: "Person[]" },
        { name: "pairs", type: "Person[2][]" },
      ],
    };
    const alice = { name: "Alice", wallets: [TEST_ADDRESS_0, EOA] };
    const bob = { name: "Bob", wallets: [], nick: "not signed" };
    const details = await signTyped({
      types,
      primaryType: "Group",
      domain: { name: "Groups", chainId: 31337 },
      message: { members: [alice, bob], pairs: [[alice, bob]] },
    });
    expect(fieldAt(details.message, ["members", "[0]", "wallets", "[0]"])?.address?.name).toBe("Account 1");
    expect(fieldAt(details.message, ["pairs", "[0]", "[1]", "name"])?.value).toBe("Bob");
    expect(details.unsigned.map((u) => u.path)).toEqual([
      "domain.chainId",
      "message.members[1].nick",
      "message.pairs[0][1].nick",
    ]);
    expect(details.summary).toBe("Sign Group for Groups as Account 1");
    const v3 = await signTyped(
      {
        types: { EIP712Domain: types.EIP712Domain, Mail: [{ name: "contents", type: "string" }] },
        primaryType: "Mail",
        domain: { name: "Mailer" },
        message: { contents: "hi", "⚠ Notice": "not signed" },
      },
      "v3",
    );
    expect(v3.version).toBe("v3");
    expect(v3.unsigned).toEqual([{ path: "message.⚠ Notice", value: "not signed" }]);
    expect(codes(v3)).toEqual(["unsigned-fields:caution"]);
  });

  it("v1 typed data: every field signed, shown flat", async () => {
    const data = [
      { type: "string", name: "Message", value: "Hi, Alice!" },
      { type: "uint32", name: "A number", value: "1337" },
    ];
    const answer = await h.call(SITE, "eth_signTypedData", [data, TEST_ADDRESS_0]);
    expect(answer.result).toBe(
      signTypedData({ privateKey: PRIVATE_KEY, data: data as never, version: SignTypedDataVersion.V1 }),
    );
    const details = h.session.approvals().at(-1)?.details as TypedDetails;
    expect(SignTypedDataDetailsSchema.safeParse(details).success).toBe(true);
    expect(details.message.map((f) => [f.name, f.value])).toEqual([
      ["Message", "Hi, Alice!"],
      ["A number", "1337"],
    ]);
    expect(details.unsigned).toEqual([]);
  });

  describe("Sign-In with Ethereum in personal_sign", () => {
    const siwe = (over: Partial<Parameters<typeof siweMessage>[0]> = {}) =>
      utf8Hex(
        siweMessage({
          domain: "dapp.example",
          address: TEST_ADDRESS_0,
          uri: "https://dapp.example/",
          chainId: 31337,
          nonce: "n0nce1234",
          ...over,
        }),
      );
    async function signIn(message: string) {
      const answer = await h.call(SITE, "personal_sign", [message, TEST_ADDRESS_0]);
      expect(answer.result).toMatch(/^0x[0-9a-f]{130}$/);
      const details = h.session.approvals().at(-1)?.details as ApprovalDetails<"sign-message">;
      expect(SignMessageDetailsSchema.safeParse(details).success).toBe(true);
      return details;
    }

    it("the site's own domain: the fields, no warning", async () => {
      const details = await signIn(siwe());
      expect(details.summary).toBe("Sign in to dapp.example as Account 1");
      expect(details.siwe).toMatchObject({ domain: "dapp.example", chainId: 31337, nonce: "n0nce1234" });
      expect(details.warnings).toEqual([]);
    });

    it("another domain, the right host on another port, another scheme: danger", async () => {
      for (const over of [{ domain: "evil.example" }, { domain: "dapp.example:8443" }, { scheme: "http" }]) {
        expect(codes(await signIn(siwe(over)))).toEqual(["siwe-domain-mismatch:danger"]);
      }
    });

    it("expired, or on another chain: caution", async () => {
      expect(codes(await signIn(siwe({ expirationTime: new Date(Date.now() - 60_000) })))).toEqual([
        "siwe-expired:caution",
      ]);
      expect(codes(await signIn(siwe({ chainId: 1 })))).toEqual(["siwe-chain-mismatch:caution"]);
    });

    it("a plain message says who signs it", async () => {
      const details = await signIn("0x68656c6c6f");
      expect(details.summary).toBe("Sign a message as Account 1");
      expect(details.siwe).toBeUndefined();
    });
  });
});
