import { english, generateMnemonic } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { mnemonicToSeed, normalizeMnemonic } from "./mnemonic.js";

const TEST_MNEMONIC = "test test test test test test test test test test test junk";

describe("normalizeMnemonic", () => {
  it("accepts valid phrases and returns their canonical form", () => {
    expect(normalizeMnemonic(TEST_MNEMONIC)).toBe(TEST_MNEMONIC);
    expect(normalizeMnemonic(`  Test test\ttest test test test test test test test test JUNK\n`)).toBe(
      TEST_MNEMONIC,
    );
    for (const strength of [128, 160, 192, 224, 256]) {
      const phrase = generateMnemonic(english, strength);
      expect(normalizeMnemonic(phrase)).toBe(phrase);
    }
  });

  it("rejects a bad checksum, an unknown word and a wrong length", () => {
    expect(() => normalizeMnemonic(TEST_MNEMONIC.replace("junk", "test"))).toThrow(
      "Invalid recovery phrase: bad checksum",
    );
    expect(() => normalizeMnemonic(TEST_MNEMONIC.replace("junk", "junky"))).toThrow(
      "Invalid recovery phrase: unknown word",
    );
    expect(() => normalizeMnemonic("test test test")).toThrow(
      "Invalid recovery phrase: expected 12, 15, 18, 21 or 24 words",
    );
  });
});

describe("mnemonicToSeed", () => {
  // BIP-39 reference vector (Trezor's list) with an empty passphrase, "abandon … about".
  it("matches the BIP-39 seed of a known phrase", async () => {
    const phrase = `${"abandon ".repeat(11)}about`;
    const seed = await mnemonicToSeed(phrase);
    expect(seed.toString("hex")).toBe(
      "5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4",
    );
  });
});
