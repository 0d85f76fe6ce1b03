/** Decimal base units shown with `decimals` places, trailing zeros dropped ("1.5", "0.000021"). */
export function formatUnits(value: bigint, decimals: number, maxFraction = decimals): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const base = 10n ** BigInt(decimals);
  const whole = abs / base;
  let fraction = (abs % base).toString().padStart(decimals, "0").slice(0, maxFraction).replace(/0+$/, "");
  if (fraction === "" && abs % base !== 0n && whole === 0n)
    fraction = "0".repeat(maxFraction - 1).concat("1");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** A decimal the person typed ("1.5") in base units with `decimals` places; null when it is not one. */
export function parseUnits(text: string, decimals: number): bigint | null {
  const match = /^\s*(\d{0,30})(?:\.(\d*))?\s*$/.exec(text);
  if (!match || (match[1] === "" && !match[2])) return null;
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) return null;
  return BigInt(match[1] || "0") * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
}

/** A whole number the person typed (gas, nonce); null when it is not one. */
export function parseWhole(text: string): bigint | null {
  return /^\s*\d{1,20}\s*$/.test(text) ? BigInt(text.trim()) : null;
}

/** Every chain Vaughan adds has 18 decimals for its native currency. */
const NATIVE_DECIMALS = 18;

/**
 * A fee at a glance, rounded up (it is a most-it-can-cost): four significant digits after any
 * leading zeros ("0.0001208 ETH"), four decimals above one.
 */
export function compactCost(raw: string, symbol: string): string {
  const value = BigInt(raw);
  const fraction = formatUnits(value, NATIVE_DECIMALS).split(".")[1] ?? "";
  const leadingZeros = value < 10n ** BigInt(NATIVE_DECIMALS) ? (/^0*/.exec(fraction)?.[0].length ?? 0) : 0;
  const shown = Math.min(NATIVE_DECIMALS, leadingZeros + 4);
  const unit = 10n ** BigInt(NATIVE_DECIMALS - shown);
  const rounded = ((value + unit - 1n) / unit) * unit;
  return `${formatUnits(rounded, NATIVE_DECIMALS)} ${symbol}`;
}
