import { formatUnits, getAddress, maxUint256 } from "viem";
import type { Amount } from "../../../protocol/approvalDetails.js";

/** Values from 2^255 up read as "unlimited": wallets and dApps use them to mean "no limit". */
export const UNLIMITED_FROM = 2n ** 255n;

/** True for amounts a person should read as no limit: ≥ 2^255, or the largest the type can hold. */
export function isUnlimited(value: bigint, typeMax: bigint = maxUint256): boolean {
  return value >= UNLIMITED_FROM || value === typeMax;
}

/** The largest value of an ABI `uintN`. */
export function uintMax(type: string): bigint {
  const bits = Number(/^uint(\d+)$/.exec(type)?.[1] ?? 256);
  return (1n << BigInt(bits)) - 1n;
}

/** "0x7099…79C8": checksummed, the first and last four hex digits. */
export function shortAddress(address: string): string {
  const a = getAddress(address);
  return `${a.slice(0, 6)}…${a.slice(-4)}`;
}

/** How a token is named in a line: its symbol, else its name, else its short address. */
export function tokenLabel(token: { address: string; symbol?: string; name?: string }): string {
  return (token.symbol ?? token.name?.slice(0, 32) ?? shortAddress(token.address)).slice(0, 32);
}

/**
 * An amount as a person reads it: "1.5 FTK" with the token's decimals, "unlimited FTK" at or
 * above the unlimited bound, and plain base units ("1000 base units of 0xabc…def") when the
 * decimals are unknown, so an unknown token's number is never shown as if it were scaled.
 */
export function formatAmount(
  value: bigint,
  unit: { label: string; decimals?: number },
  typeMax: bigint = maxUint256,
): Amount {
  const raw = value.toString();
  const label = unit.label.slice(0, 32);
  if (isUnlimited(value, typeMax)) return { raw, formatted: `unlimited ${label}`, unlimited: true };
  if (unit.decimals === undefined) return { raw, formatted: `${raw} base units of ${label}` };
  return { raw, formatted: `${formatUnits(value, unit.decimals)} ${label}` };
}
