import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitsUtf8, utf8Length } from "./utf8Length.js";

describe("utf8Length", () => {
  it("counts what TextEncoder writes, surrogates included", () => {
    for (const text of ["", "a", "é", "€", "😀", "a€😀b", "\ud800", "\udc00x", "\ud800\ud800"]) {
      expect(utf8Length(text), JSON.stringify(text)).toBe(new TextEncoder().encode(text).length);
    }
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
      }),
      { numRuns: 2000 },
    );
  });

  it("fitsUtf8 measures bytes, not units: 400,000 € is over 1 MiB", () => {
    const euros = "€".repeat(400_000);
    expect(euros.length).toBeLessThan(1_048_576);
    expect(fitsUtf8(euros, 1_048_576)).toBe(false);
    expect(fitsUtf8("a".repeat(1_048_576), 1_048_576)).toBe(true);
    expect(fitsUtf8("a".repeat(1_048_577), 1_048_576)).toBe(false);
    expect(fitsUtf8("€".repeat(349_525), 1_048_576)).toBe(true);
    expect(fitsUtf8("€".repeat(349_526), 1_048_576)).toBe(false);
  });
});
