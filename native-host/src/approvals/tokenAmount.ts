import { formatUnits } from "viem";
import type { Amount, TokenRef } from "../../../protocol/approvalDetails.js";
import { shortAddress } from "./accountNames.js";

/** From here up an allowance is unlimited whatever the field's width (the usual "max" values). */
export const UNLIMITED_FROM = 2n ** 255n;
export const MAX_UINT256 = 2n ** 256n - 1n;
export const MAX_UINT160 = 2n ** 160n - 1n;

/** What the token is called in a line of text: its symbol, else its short address. */
export function tokenLabel(token: TokenRef): string {
  return token.symbol ?? shortAddress(token.address);
}

/**
 * An amount of `token` in its own decimals ("1.5 FTK"); `unlimited` from 2^255 up or at the
 * field's maximum (uint160's for Permit2). Without decimals (the chain did not say) the base
 * units are shown as such rather than guessed.
 */
export function tokenAmount(raw: bigint, token: TokenRef, fieldMax: bigint): Amount {
  const label = tokenLabel(token);
  if (raw >= UNLIMITED_FROM || raw === fieldMax) {
    return { raw: raw.toString(10), formatted: `unlimited ${label}`, unlimited: true };
  }
  const formatted =
    token.decimals === undefined
      ? `${raw.toString(10)} base units of ${label}`
      : `${formatUnits(raw, token.decimals)} ${label}`;
  return { raw: raw.toString(10), formatted };
}
