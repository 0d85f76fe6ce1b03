import { createHash } from "node:crypto";
import { english } from "viem/accounts";
import { InvalidParamsError } from "../../../protocol/errors.js";
import { pbkdf2Key } from "./kdf.js";

const WORD_INDEX = new Map(english.map((word, index) => [word, index]));

/**
 * A BIP-39 English mnemonic in canonical form (lower case, single spaces), or InvalidParamsError.
 * Canonical form matters: the seed is derived from the exact string, so "Test  test …" would
 * otherwise give a different wallet from the one the user wrote down.
 * Checks the word count, every word against the list, and the checksum, as `validateMnemonic`
 * in @scure/bip39 does (viem does not re-export it, and it is not a direct dependency).
 * https://github.com/bitcoin/bips/blob/master/bip-0039.mediawiki#generating-the-mnemonic
 */
export function normalizeMnemonic(input: string): string {
  const words = input.normalize("NFKD").trim().toLowerCase().split(/\s+/);
  if (![12, 15, 18, 21, 24].includes(words.length)) {
    throw new InvalidParamsError("Invalid recovery phrase: expected 12, 15, 18, 21 or 24 words");
  }
  const bits = words
    .map((word) => {
      const index = WORD_INDEX.get(word);
      if (index === undefined) throw new InvalidParamsError("Invalid recovery phrase: unknown word");
      return index.toString(2).padStart(11, "0");
    })
    .join("");
  // ENT bits of entropy followed by ENT/32 bits of SHA-256 checksum; ENT + ENT/32 = 11·words.
  const checksumBits = bits.length / 33;
  const entropyBits = bits.slice(0, bits.length - checksumBits);
  const entropy = Buffer.from(entropyBits.match(/.{8}/g)?.map((byte) => Number.parseInt(byte, 2)) ?? []);
  const digest = createHash("sha256").update(entropy).digest();
  const expected = [...digest]
    .map((byte) => byte.toString(2).padStart(8, "0"))
    .join("")
    .slice(0, checksumBits);
  entropy.fill(0);
  if (expected !== bits.slice(entropyBits.length))
    throw new InvalidParamsError("Invalid recovery phrase: bad checksum");
  return words.join(" ");
}

/**
 * The BIP-39 seed (PBKDF2-HMAC-SHA512, 2048 rounds, salt "mnemonic"), computed off the event
 * loop. No BIP-39 passphrase: Vaughan does not offer one.
 * https://github.com/bitcoin/bips/blob/master/bip-0039.mediawiki#from-mnemonic-to-seed
 */
export function mnemonicToSeed(mnemonic: string): Promise<Buffer> {
  return pbkdf2Key(mnemonic.normalize("NFKD"), Buffer.from("mnemonic", "utf8"), 2048, 64, "sha512");
}
