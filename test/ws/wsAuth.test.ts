import { describe, expect, it } from "vitest";
import {
  ClientFirstSchema,
  clientProofMessage,
  isExtensionOrigin,
  normalizePairingCode,
  pairClientProofMessage,
  pairServerProofMessage,
  serverProofMessage,
} from "../../protocol/wsAuth.js";

describe("protocol/wsAuth", () => {
  it("accepts only the first messages, strictly", () => {
    const nonce = "0".repeat(64);
    expect(ClientFirstSchema.safeParse({ t: "hello", v: 1, nonce }).success).toBe(true);
    expect(ClientFirstSchema.safeParse({ t: "pair", v: 1, nonce }).success).toBe(true);
    expect(ClientFirstSchema.safeParse({ t: "pair", v: 1, nonce, code: "AAAA-AAAA" }).success).toBe(false);
    expect(
      ClientFirstSchema.safeParse({ t: "hello", v: 1, nonce: nonce.toUpperCase().replace(/0/g, "A") })
        .success,
    ).toBe(false);
    expect(ClientFirstSchema.safeParse({ jsonrpc: "2.0", id: 1, method: "eth_accounts" }).success).toBe(
      false,
    );
  });

  it("gives every proof its own direction and binds origin and port", () => {
    const c = {
      clientNonce: "a".repeat(64),
      serverNonce: "b".repeat(64),
      origin: "chrome-extension://x",
      port: 8766,
    };
    const all = [serverProofMessage, clientProofMessage, pairServerProofMessage, pairClientProofMessage].map(
      (f) => f(c),
    );
    expect(new Set(all).size).toBe(4);
    expect(serverProofMessage({ ...c, port: 8767 })).not.toBe(all[0]);
    expect(serverProofMessage({ ...c, origin: "chrome-extension://y" })).not.toBe(all[0]);
  });

  it.each([
    ["chrome-extension://fjhehmfkkmbpmlimkananfllhangkafn", true],
    ["moz-extension://0b3c6a2e-1f4d-4e8a-9c7b-5d6e7f8a9b0c", true],
    ["chrome-extension://fjhehmfkkmbpmlimkananfllhangkafn/", false],
    ["chrome-extension://FJHEHMFKKMBPMLIMKANANFLLHANGKAFN", false],
    ["chrome-extension://fjhehmfkkmbpmlimkananfllhangkafz", false],
    ["chrome-extension://fjhehmfkkmbpmlimkananfllhangkafn.evil", false],
    ["https://evil.example", false],
    ["null", false],
  ])("isExtensionOrigin(%s) is %s", (origin, expected) => {
    expect(isExtensionOrigin(origin)).toBe(expected);
  });

  it("normalizes typed codes", () => {
    expect(normalizePairingCode("abcd-efgh")).toBe("ABCDEFGH");
    expect(normalizePairingCode(" ABCD EFGH ")).toBe("ABCDEFGH");
    expect(normalizePairingCode("ABCD-EFG0")).toBeNull();
    expect(normalizePairingCode("ABCD")).toBeNull();
    expect(normalizePairingCode("A".repeat(100))).toBeNull();
  });
});
