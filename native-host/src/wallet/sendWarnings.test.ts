import { describe, expect, it } from "vitest";
import { checkRecipient, looksAlike } from "./sendWarnings.js";

describe("looksAlike", () => {
  const a = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
  it("is true for a different address with the same first and last four hex digits, in any case", () => {
    expect(looksAlike(a, `0xF39F${"0".repeat(32)}2266`)).toBe(true);
  });
  it("is false for the same address, and when either end differs", () => {
    expect(looksAlike(a, a.toUpperCase().replace("0X", "0x"))).toBe(false);
    expect(looksAlike(a, `0xf39e${"0".repeat(32)}2266`)).toBe(false);
    expect(looksAlike(a, `0xf39f${"0".repeat(32)}2267`)).toBe(false);
  });
});

describe("checkRecipient", () => {
  it("takes all-lower, all-upper and correctly checksummed addresses; refuses a wrong checksum", () => {
    expect(() => checkRecipient("0x90f79bf6eb2c4f870365e785982e1f101e93b906")).not.toThrow();
    expect(() => checkRecipient("0x90F79bf6EB2c4f870365E785982E1f101E93b906")).not.toThrow();
    expect(() => checkRecipient("0x90F79bf6EB2c4F870365E785982E1f101E93b906")).toThrow(/checksum/);
  });
});
