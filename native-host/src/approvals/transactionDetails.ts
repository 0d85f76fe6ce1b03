import { getAddress, type Hex } from "viem";
import type { ApprovalDetails, Fees } from "../../../protocol/approvalDetails.js";
import type { Chain } from "../stores/chains.js";
import type { Wallet } from "../wallet/Wallet.js";
import { earlierCounterparties } from "./counterparties.js";
import { type AddressNames, decodeCall } from "./decodeCall.js";
import { formatAmount } from "./formatting.js";
import { transactionSummary } from "./transactionSummary.js";
import { transactionWarnings } from "./transactionWarnings.js";

export interface TransactionToShow {
  chain: Chain;
  from: string;
  /** null: a contract creation. */
  to: string | null;
  value: bigint;
  data: Hex;
  fees: Fees;
}

/** The wallet's own accounts by lower-case address, for naming and the look-alike check. */
export function ownAccountNames(wallet: Wallet): AddressNames {
  return new Map((wallet.vault()?.accounts() ?? []).map((a) => [a.address.toLowerCase(), a.name]));
}

/**
 * The send-transaction approval's details: the call decoded from the curated table against what
 * the chain says the target is, the host's warnings, the one-line summary, the fees, and a
 * simulation still pending (its result follows in an approval update).
 */
export function sendTransactionDetails(
  wallet: Wallet,
  tx: TransactionToShow,
): Promise<ApprovalDetails<"send-transaction">> {
  return transactionDetails(ownAccountNames(wallet), tx, knownCounterparties(wallet, tx.chain, tx.from));
}

/** `from`'s earlier counterparties on `chain` from its activity; none when the store cannot be read. */
export function knownCounterparties(wallet: Wallet, chain: Chain, from: string): string[] {
  try {
    return earlierCounterparties(wallet.activity, chain.chainId, from);
  } catch {
    // An unreadable activity file must not stop the approval: the check just has less to go on.
    return [];
  }
}

/**
 * The same for a given set of own accounts (lower-case address → name) and earlier
 * counterparties of `from` (knownCounterparties).
 */
export async function transactionDetails(
  names: AddressNames,
  tx: TransactionToShow,
  counterparties: readonly string[] = [],
): Promise<ApprovalDetails<"send-transaction">> {
  const { chain, from, to, value, data } = tx;
  const decoded = to && data.length >= 10 ? await decodeCall(chain, to, data, names) : undefined;
  const facts = decoded?.facts ?? [];
  const warnings = await transactionWarnings({ chain, from, to, value, data, facts, names, counterparties });
  const named = (address: string) => {
    const name = names.get(address.toLowerCase());
    return name ? { address: getAddress(address), name } : { address: getAddress(address) };
  };
  return {
    summary: transactionSummary({ chain, to, value, facts, hasData: data.length > 2, names }),
    warnings,
    from: named(from),
    to: to === null ? null : named(to),
    value: formatAmount(value, { label: chain.symbol, decimals: chain.decimals }),
    data,
    ...(decoded ? { call: decoded.call } : {}),
    fees: tx.fees,
    simulation: { status: "pending" },
  };
}
