import type { Deadline } from "../../../protocol/approvalDetails.js";

/** The last moment a JS Date can hold, in seconds (8.64e15 ms). */
const MAX_DATE_SECONDS = 8_640_000_000_000n;

/** `2026-12-06 14:33 UTC`: minutes are as close as a person reads a deadline. */
export function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * A deadline in seconds since 1970 as a person reads it. Past what a Date can hold (a uint48 or
 * uint256 at its maximum) it never ends; `zero` says what zero means where it means something
 * else than 1970 (DAI: never; Permit2's `expiration`: the block the permit is used in).
 */
export function deadlineOf(seconds: bigint, zero?: string): Deadline {
  const raw = seconds.toString(10);
  if (seconds === 0n && zero !== undefined) return { raw, iso: null, formatted: zero };
  if (seconds > MAX_DATE_SECONDS || seconds < 0n) return { raw, iso: null, formatted: "never" };
  const date = new Date(Number(seconds) * 1000);
  return { raw, iso: date.toISOString(), formatted: formatDate(date) };
}

/** Whether the deadline has passed at `nowSeconds` (one that never ends never has). */
export function hasPassed(deadline: Deadline, nowSeconds: number): boolean {
  return deadline.iso !== null && BigInt(deadline.raw) < BigInt(Math.floor(nowSeconds));
}
