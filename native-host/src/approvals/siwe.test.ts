import { describe, expect, it } from "vitest";
import { SignMessageDetailsSchema } from "../../../protocol/approvalDetails.js";
import { siweMessage } from "../../../scripts/lib/approvalFixtures.mjs";
import { signMessageDetails } from "./signMessageDetails.js";
import { readSiwe } from "./siwe.js";

const SIGNER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const NOW = Date.parse("2026-12-06T14:00:00Z");
const ORIGIN = "https://app.example";
const context = { origin: ORIGIN, chainId: 31337, signer: SIGNER, now: NOW };

type Fields = Parameters<typeof siweMessage>[0];
const message = (over: Partial<Fields> = {}): string =>
  siweMessage({
    domain: "app.example",
    address: SIGNER,
    statement: "Sign in to the app.",
    uri: "https://app.example/login",
    chainId: 31337,
    nonce: "abcdef1234",
    issuedAt: new Date(NOW - 60_000),
    ...over,
  });

const codes = (text: string, ctx = context) => readSiwe(text, ctx)?.warnings.map((w) => [w.code, w.severity]);

describe("readSiwe", () => {
  it("parses a sign-in for the asking origin with no warning", () => {
    const reading = readSiwe(message({ expirationTime: new Date(NOW + 60_000) }), context);
    expect(reading?.warnings).toEqual([]);
    expect(reading?.siwe).toEqual({
      domain: "app.example",
      address: SIGNER,
      statement: "Sign in to the app.",
      uri: "https://app.example/login",
      version: "1",
      chainId: 31337,
      nonce: "abcdef1234",
      issuedAt: "2026-12-06T13:59:00.000Z",
      expirationTime: "2026-12-06T14:01:00.000Z",
    });
  });

  it("is no sign-in for any other text", () => {
    expect(readSiwe("hello", context)).toBeUndefined();
  });

  it("warns of another domain as a danger", () => {
    expect(codes(message({ domain: "evil.example" }))).toEqual([["siwe-domain-mismatch", "danger"]]);
  });

  it("compares the port too: the right host on another port is another site", () => {
    expect(codes(message({ domain: "app.example:8443" }))).toEqual([["siwe-domain-mismatch", "danger"]]);
    const local = { ...context, origin: "http://127.0.0.1:5173" };
    const uri = "http://127.0.0.1:5173/";
    expect(codes(message({ domain: "127.0.0.1:5173", uri }), local)).toEqual([]);
    expect(codes(message({ domain: "127.0.0.1:5174", uri }), local)).toEqual([
      ["siwe-domain-mismatch", "danger"],
    ]);
    expect(codes(message({ domain: "127.0.0.1", uri }), local)).toEqual([["siwe-domain-mismatch", "danger"]]);
    // The default port written out is the same authority.
    expect(codes(message({ domain: "app.example:443" }))).toEqual([]);
  });

  it("warns of a scheme other than the origin's as a danger", () => {
    expect(codes(message({ scheme: "http" }))).toEqual([["siwe-domain-mismatch", "danger"]]);
    expect(codes(message({ scheme: "https" }))).toEqual([]);
  });

  it("warns with a caution of a uri on another origin, another chain, another address", () => {
    expect(codes(message({ uri: "https://evil.example/login" }))).toEqual([["siwe-uri-mismatch", "caution"]]);
    expect(codes(message({ chainId: 1 }))).toEqual([["siwe-chain-mismatch", "caution"]]);
    expect(codes(message({ address: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" }))).toEqual([
      ["siwe-address-mismatch", "caution"],
    ]);
  });

  it("warns of a message already expired or not valid yet", () => {
    expect(codes(message({ expirationTime: new Date(NOW - 1000) }))).toEqual([["siwe-expired", "caution"]]);
    expect(codes(message({ notBefore: new Date(NOW + 3_600_000) }))).toEqual([
      ["siwe-not-yet-valid", "caution"],
    ]);
  });

  it("warns of a text that reads as a sign-in but is not one EIP-4361 allows", () => {
    const short = message().replace("Nonce: abcdef1234", "Nonce: abc");
    expect(codes(short)).toEqual([["siwe-malformed", "caution"]]);
    const broken = `${message()}`.replace("Version: 1\n", "");
    expect(readSiwe(broken, context)).toEqual({
      warnings: [expect.objectContaining({ code: "siwe-malformed" })],
    });
  });
});

describe("signMessageDetails", () => {
  const nameOf = (a: string) => (a.toLowerCase() === SIGNER.toLowerCase() ? "Account 1" : undefined);
  const hex = (text: string) => `0x${Buffer.from(text).toString("hex")}` as const;

  it("says what a sign-in does, for whom, and carries its fields", () => {
    const details = signMessageDetails({
      data: hex(message()),
      signer: SIGNER.toLowerCase(),
      origin: ORIGIN,
      chainId: 31337,
      nameOf,
      now: NOW,
    });
    expect(details.summary).toBe("Sign in to app.example as Account 1");
    expect(details.siwe?.domain).toBe("app.example");
    expect(details.warnings).toEqual([]);
    expect(SignMessageDetailsSchema.safeParse(details).success).toBe(true);
  });

  it("lists the danger first", () => {
    const details = signMessageDetails({
      data: hex(message({ domain: "evil.example", chainId: 1 })),
      signer: SIGNER,
      origin: ORIGIN,
      chainId: 31337,
      nameOf,
      now: NOW,
    });
    expect(details.summary).toBe("Sign in to evil.example as Account 1");
    expect(details.warnings.map((w) => w.code)).toEqual(["siwe-domain-mismatch", "siwe-chain-mismatch"]);
  });

  it("shows a plain message as text and hex, and bytes as hex only", () => {
    const plain = signMessageDetails({
      data: hex("hello"),
      signer: SIGNER,
      origin: ORIGIN,
      chainId: 1,
      nameOf,
    });
    expect(plain).toEqual({
      summary: "Sign a message as Account 1",
      warnings: [],
      address: { address: SIGNER, name: "Account 1" },
      message: { text: "hello", hex: "0x68656c6c6f" },
    });
    const bytes = signMessageDetails({
      data: "0x00ff10",
      signer: SIGNER,
      origin: ORIGIN,
      chainId: 1,
      nameOf,
    });
    expect(bytes.message).toEqual({ hex: "0x00ff10" });
    expect(SignMessageDetailsSchema.safeParse(bytes).success).toBe(true);
  });
});
