import { describe, expect, it } from "vitest";
import {
  SignTypedDataDetailsSchema,
  TypedFieldSchema,
  UnsignedFieldSchema,
} from "../../../protocol/approvalDetails.js";
import { fieldAt, typedDataV1View, typedDataView, visible } from "./typedDataView.js";

const OWN = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
const OTHER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const nameOf = (address: string) => (address.toLowerCase() === OWN ? "Account 1" : undefined);

const order = {
  types: {
    EIP712Domain: [
      { name: "name", type: "string" },
      { name: "chainId", type: "uint256" },
    ],
    Item: [
      { name: "to", type: "address" },
      { name: "amount", type: "uint256" },
      { name: "tags", type: "bytes32[2]" },
    ],
    Order: [
      { name: "maker", type: "address" },
      { name: "items", type: "Item[]" },
      { name: "data", type: "bytes" },
      { name: "delta", type: "int8" },
      { name: "open", type: "bool" },
      { name: "note", type: "string" },
    ],
  },
  primaryType: "Order",
  domain: { name: "Shop", chainId: 31337, verifyingContract: OTHER },
  message: {
    maker: OWN,
    items: [
      { to: OTHER, amount: "1000", tags: [`0x${"AB".repeat(32)}`, `0x${"00".repeat(32)}`], memo: "free" },
      { to: OWN, amount: 7, tags: [`0x${"01".repeat(32)}`, `0x${"02".repeat(32)}`] },
    ],
    data: "0xDEADbeef",
    delta: "-5",
    open: true,
    note: "hi\u202eevil",
    "⚠ Notice": "free login, no tokens move",
  },
};

describe("typedDataView", () => {
  const view = typedDataView(order, nameOf);

  it("walks the domain by EIP712Domain's fields and the message from primaryType, in declared order", () => {
    expect(view.domain.map((f) => [f.name, f.type, f.value])).toEqual([
      ["name", "string", "Shop"],
      ["chainId", "uint256", "31337"],
    ]);
    expect(view.message.map((f) => f.name)).toEqual(["maker", "items", "data", "delta", "open", "note"]);
  });

  it("names the wallet's own accounts, checksums addresses, and shows integers, bytes and bools", () => {
    expect(fieldAt(view.message, ["maker"])).toEqual({
      name: "maker",
      type: "address",
      value: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
      address: { address: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", name: "Account 1" },
    });
    expect(fieldAt(view.message, ["items", "[0]", "to"])?.address).toEqual({
      address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    });
    expect(fieldAt(view.message, ["items", "[1]", "amount"])?.value).toBe("7");
    expect(fieldAt(view.message, ["data"])?.value).toBe("0xdeadbeef");
    expect(fieldAt(view.message, ["delta"])?.value).toBe("-5");
    expect(fieldAt(view.message, ["open"])?.value).toBe("true");
  });

  it("walks arrays of structs and fixed-size arrays element by element", () => {
    const items = fieldAt(view.message, ["items"]);
    expect(items?.type).toBe("Item[]");
    expect(items?.children?.map((c) => [c.name, c.type])).toEqual([
      ["[0]", "Item"],
      ["[1]", "Item"],
    ]);
    const tags = fieldAt(view.message, ["items", "[0]", "tags"]);
    expect(tags?.type).toBe("bytes32[2]");
    expect(tags?.children?.map((c) => c.value)).toEqual([`0x${"ab".repeat(32)}`, `0x${"00".repeat(32)}`]);
  });

  it("puts every key the types do not declare apart, with its path, and never among the signed fields", () => {
    expect(view.unsigned).toEqual([
      { path: "domain.verifyingContract", value: OTHER },
      { path: "message.⚠ Notice", value: "free login, no tokens move" },
      { path: "message.items[0].memo", value: "free" },
    ]);
    const signedText = JSON.stringify([view.domain, view.message]);
    expect(signedText).not.toContain("free login");
    expect(signedText).not.toContain("memo");
    expect(view.domain.map((f) => f.name)).not.toContain("verifyingContract");
  });

  it("shows no domain field as signed when EIP712Domain is not declared", () => {
    const { EIP712Domain: _, ...types } = order.types;
    const bare = typedDataView({ ...order, types }, nameOf);
    expect(bare.domain).toEqual([]);
    expect(bare.unsigned.map((u) => u.path)).toEqual([
      "domain.name",
      "domain.chainId",
      "domain.verifyingContract",
      "message.⚠ Notice",
      "message.items[0].memo",
    ]);
  });

  it("writes characters that hide or reorder text as escapes", () => {
    expect(fieldAt(view.message, ["note"])?.value).toBe("hi\\u{202e}evil");
    expect(visible("a\u200bb\u0000c\nd")).toBe("a\\u{200b}b\\u{0000}c\nd");
  });

  it("keeps to the wire's bounds: long values cut visibly, long arrays and many unsigned fields summed up", () => {
    const big = typedDataView(
      {
        types: {
          M: [
            { name: "xs", type: "uint8[]" },
            { name: "s", type: "string" },
          ],
        },
        primaryType: "M",
        domain: {},
        message: {
          xs: Array.from({ length: 1500 }, () => 1),
          s: "x".repeat(10_000),
          ...Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`extra${i}`, i])),
        },
      },
      nameOf,
    );
    const xs = fieldAt(big.message, ["xs"]);
    expect(xs?.children).toHaveLength(1024);
    expect(xs?.children?.at(-1)?.value).toBe("477 more elements, signed but not listed");
    expect(fieldAt(big.message, ["s"])?.value).toMatch(/ … \(10000 characters in all\)$/);
    expect(big.unsigned).toHaveLength(256);
    expect(big.unsigned.at(-1)).toEqual({ path: "…", value: "45 more fields outside the types, not signed" });
    for (const f of big.message) expect(TypedFieldSchema.safeParse(f).success).toBe(true);
    for (const u of big.unsigned) expect(UnsignedFieldSchema.safeParse(u).success).toBe(true);
  });

  it("produces details the window's schema accepts", () => {
    const details = {
      summary: "s",
      warnings: [],
      address: { address: OWN },
      version: "v4",
      primaryType: order.primaryType,
      ...view,
    };
    expect(SignTypedDataDetailsSchema.safeParse(details).success).toBe(true);
  });
});

describe("typedDataV1View", () => {
  it("shows every entry as a signed field, none apart", () => {
    const view = typedDataV1View(
      [
        { type: "string", name: "Message", value: "Hi, Alice!" },
        { type: "uint32", name: "A number", value: "1337" },
        { type: "address", name: "who", value: OWN },
      ],
      nameOf,
    );
    expect(view.domain).toEqual([]);
    expect(view.unsigned).toEqual([]);
    expect(view.message.map((f) => [f.name, f.type, f.value])).toEqual([
      ["Message", "string", "Hi, Alice!"],
      ["A number", "uint32", "1337"],
      ["who", "address", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"],
    ]);
    expect(view.message[2]?.address?.name).toBe("Account 1");
  });
});
