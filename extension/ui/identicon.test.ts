import { describe, expect, it } from "vitest";
import { identiconPattern } from "./identicon.js";

describe("identiconPattern", () => {
  const a = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
  const b = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

  it("draws the same picture for an address however it is cased", () => {
    expect(identiconPattern(a)).toEqual(identiconPattern(a.toLowerCase()));
  });

  it("draws different pictures for different addresses", () => {
    expect(identiconPattern(a)).not.toEqual(identiconPattern(b));
  });

  it("is a mirrored 5×5 grid", () => {
    const { cells } = identiconPattern(b);
    expect(cells).toHaveLength(25);
    for (let row = 0; row < 5; row++) {
      expect(cells[row * 5]).toBe(cells[row * 5 + 4]);
      expect(cells[row * 5 + 1]).toBe(cells[row * 5 + 3]);
    }
  });
});
