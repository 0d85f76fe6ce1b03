import { decodeFunctionData, erc20Abi, formatUnits, type Hex, maxUint256 } from "viem";
import type { Asset } from "../stores/assets.js";
import type { Chain } from "../stores/chains.js";

/** 0x7099…79C8: enough to recognise, short enough for one line. */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** At most 6 decimals shown: a summary line, not an exact figure (the details have that). */
function amount(value: bigint, decimals: number): string {
  const [whole, fraction = ""] = formatUnits(value, decimals).split(".");
  const kept = fraction.slice(0, 6).replace(/0+$/, "");
  return kept ? `${whole}.${kept}` : (whole as string);
}

export interface DescribedCall {
  to: string | null;
  value: bigint;
  data: Hex | undefined;
}

/**
 * One line in plain words for a transaction, for the activity list: what it sends to whom, and
 * for an ERC-20 `transfer` or `approve` the token and amount (with its symbol when the token is
 * watched). Anything else is named by its method selector and target.
 */
export function describeTransaction(call: DescribedCall, chain: Chain, tokens: readonly Asset[]): string {
  const native = `${amount(call.value, chain.decimals)} ${chain.symbol}`;
  const withValue = call.value > 0n ? ` with ${native}` : "";
  if (call.to === null) return `Deploy a contract${withValue}`;
  if (!call.data || call.data === "0x") return `Send ${native} to ${shortAddress(call.to)}`;
  const token = tokens.find(
    (t) => t.chainId === chain.chainId && t.address.toLowerCase() === call.to?.toLowerCase(),
  );
  const units = (n: bigint) =>
    token
      ? `${amount(n, token.decimals)} ${token.symbol}`
      : `${n} units of ${shortAddress(call.to as string)}`;
  try {
    const decoded = decodeFunctionData({ abi: erc20Abi, data: call.data });
    if (decoded.functionName === "transfer") {
      const [to, value] = decoded.args;
      return `Send ${units(value)} to ${shortAddress(to)}`;
    }
    if (decoded.functionName === "approve") {
      const [spender, value] = decoded.args;
      const what = value === maxUint256 ? `unlimited ${token?.symbol ?? "tokens"}` : units(value);
      return `Allow ${shortAddress(spender)} to spend ${what}`;
    }
  } catch {
    // Not ERC-20: named by its selector below.
  }
  return `Call ${call.data.slice(0, 10)} on ${shortAddress(call.to)}${withValue}`;
}
