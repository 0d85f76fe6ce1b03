import { decodeAbiParameters, type Hex } from "viem";

/** Longest reason shown (the details allow 1024 characters). */
const MAX_REASON = 1000;

/** https://docs.soliditylang.org/en/latest/control-structures.html#panic-via-assert-and-error-via-require */
const PANICS: Readonly<Record<number, string>> = {
  0: "generic compiler panic",
  1: "assertion failed",
  17: "arithmetic overflow or underflow",
  18: "division or modulo by zero",
  33: "invalid enum value",
  34: "corrupt storage byte array",
  49: "pop on an empty array",
  50: "array index out of bounds",
  65: "out of memory",
  81: "call to an uninitialised function",
};

const clip = (text: string) => (text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}…` : text);

/**
 * A revert's data as a person reads it: `Error(string)`'s text, `Panic(uint256)`'s meaning, or a
 * custom error's selector and data as they are (the wallet has no ABI to name it, and guessing a
 * name from the selector alone would let a contract pick what the person reads). `fallback` is the
 * node's own message, used when there is no data.
 */
export function revertReason(data: string | undefined, fallback = "execution reverted"): string {
  if (!data || !/^0x([0-9a-fA-F]{2})*$/.test(data) || data === "0x") return clip(fallback);
  const selector = data.slice(0, 10).toLowerCase();
  try {
    if (selector === "0x08c379a0") {
      const [text] = decodeAbiParameters([{ type: "string" }], `0x${data.slice(10)}` as Hex);
      // Control characters could fake line breaks or hide text: shown as spaces.
      return clip(`reverted: ${text.replace(/[\p{Cc}\p{Cf}]/gu, " ")}`);
    }
    if (selector === "0x4e487b71") {
      const [code] = decodeAbiParameters([{ type: "uint256" }], `0x${data.slice(10)}` as Hex);
      const meaning = code < 256n ? PANICS[Number(code)] : undefined;
      return clip(`panic 0x${code.toString(16)}${meaning ? ` (${meaning})` : ""}`);
    }
  } catch {
    // Malformed data under a known selector: shown raw below.
  }
  if (data.length < 10) return clip(`reverted with data ${data}`);
  const rest = data.length > 10 ? ` with data 0x${data.slice(10)}` : "";
  return clip(`custom error ${selector}${rest}`);
}
