import type { Hex } from "viem";
import { InvalidParamsError } from "../../../protocol/errors.js";

/** The order of secp256k1's group: a private key is a scalar in [1, n − 1]. https://www.secg.org/sec2-v2.pdf */
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/**
 * A private key as 0x-prefixed lower-case hex, from hex (with or without 0x) or 32 bytes.
 * Throws InvalidParamsError for anything that is not a valid secp256k1 scalar; the message never
 * repeats the input, since the input is a secret.
 */
export function parsePrivateKey(input: string | Uint8Array): Hex {
  const hex =
    typeof input === "string" ? input.trim().replace(/^0x/i, "") : Buffer.from(input).toString("hex");
  if (!/^[0-9a-fA-F]{64}$/.test(hex))
    throw new InvalidParamsError("Invalid private key: expected 32 bytes of hex");
  const scalar = BigInt(`0x${hex}`);
  if (scalar === 0n || scalar >= SECP256K1_N)
    throw new InvalidParamsError("Invalid private key: out of range");
  return `0x${hex.toLowerCase()}`;
}
