import { formatUnits, maxUint160 } from "viem";
import type { Chain } from "../stores/chains.js";
import type { AddressNames, CallFact } from "./decodeCall.js";
import { formatAmount, shortAddress, tokenLabel } from "./formatting.js";

export interface TransactionSummaryInput {
  chain: Chain;
  to: string | null;
  value: bigint;
  /** From decodeCall; empty when the call is not decoded. */
  facts: readonly CallFact[];
  /** Whether the transaction carries calldata. */
  hasData: boolean;
  names: AddressNames;
}

const MAX_SUMMARY = 512;

/**
 * The one line the approval window leads with: "Send 0.01 ETH to 0x7099…79C8", "Allow
 * 0xabc…def to spend unlimited FTK", "Give 0xabc…def control of all your Fixture NFTs".
 */
export function transactionSummary(input: TransactionSummaryInput): string {
  const who = (address: string) => input.names.get(address.toLowerCase()) ?? shortAddress(address);
  const eth = `${formatUnits(input.value, input.chain.decimals)} ${input.chain.symbol}`;
  const withValue = input.value > 0n ? ` (with ${eth})` : "";
  let line: string;
  if (input.to === null) line = `Deploy a contract${withValue}`;
  else if (!input.hasData) line = `Send ${eth} to ${who(input.to)}`;
  else {
    const [top, ...inner] = input.facts;
    if (!top) line = `Call ${who(input.to)}${withValue}`;
    else if (top.action === "multicall") {
      const parts = inner.filter((f) => f.action !== "multicall").map((f) => describe(f, who, eth));
      const count = inner.length;
      line = `${count} call${count === 1 ? "" : "s"} to ${targetLabel(top)}${withValue}${parts.length ? `: ${parts.join("; ")}` : ""}`;
    } else {
      line = describe(top, who, eth) + (top.action === "wrap" ? "" : withValue);
    }
  }
  return line.length > MAX_SUMMARY ? `${line.slice(0, MAX_SUMMARY - 1)}…` : line;
}

function targetLabel(fact: CallFact): string {
  return fact.token ? tokenLabel(fact.token) : shortAddress(fact.target);
}

function amountText(fact: CallFact): string {
  if (fact.amount === undefined) return "";
  const token = fact.token;
  const label = token ? tokenLabel(token) : shortAddress(fact.target);
  if (fact.family === "erc1155") return formatAmount(fact.amount, { label, decimals: 0 }).formatted;
  const decimals = token?.standard === "erc20" ? token.decimals : undefined;
  const typeMax = fact.action === "permit2-approve" ? maxUint160 : undefined;
  return formatAmount(fact.amount, { label, decimals }, typeMax).formatted;
}

function describe(fact: CallFact, who: (a: string) => string, eth: string): string {
  const spender = fact.spender ? who(fact.spender) : "";
  const recipient = fact.recipient ? who(fact.recipient) : "";
  const token = targetLabel(fact);
  const collection = fact.token?.name ?? fact.token?.symbol;
  const revoke = fact.spender === "0x0000000000000000000000000000000000000000";
  switch (fact.action) {
    case "approve":
      if (fact.family === "erc721") {
        return revoke
          ? `Remove the approval for ${token} #${fact.tokenId}`
          : `Allow ${spender} to take ${token} #${fact.tokenId}`;
      }
      if (fact.family === undefined) return `Approve ${spender} on ${shortAddress(fact.target)}`;
      return fact.amount === 0n
        ? `Remove ${spender}'s allowance to spend ${token}`
        : `Allow ${spender} to spend ${amountText(fact)}`;
    case "increase-allowance":
      return `Allow ${spender} to spend ${amountText(fact)} more`;
    case "decrease-allowance":
      return `Lower ${spender}'s allowance by ${amountText(fact)}`;
    case "permit2-approve":
      return `Allow ${spender} to spend ${amountText(fact)} through Permit2`;
    case "approval-for-all": {
      const what = collection ? `${collection}s` : `tokens at ${shortAddress(fact.target)}`;
      return fact.approved
        ? `Give ${spender} control of all your ${what}`
        : `Remove ${spender}'s control of your ${what}`;
    }
    case "transfer": {
      const what =
        fact.family === undefined
          ? `${fact.amount} (an amount or a token id) of ${shortAddress(fact.target)}`
          : fact.family === "erc721"
            ? `${token} #${fact.tokenId}`
            : fact.family === "erc1155"
              ? `${fact.amount} of ${token} #${fact.tokenId}`
              : amountText(fact);
      return `Send ${what} to ${recipient}`;
    }
    case "transfer-batch": {
      const kinds = fact.tokenIds?.length ?? 0;
      return `Send ${kinds} kind${kinds === 1 ? "" : "s"} of ${token} token to ${recipient}`;
    }
    case "wrap":
      return `Wrap ${eth} into ${token}`;
    case "unwrap":
      return `Unwrap ${amountText(fact)}`;
    case "multicall":
      return `Calls to ${token}`;
  }
}
