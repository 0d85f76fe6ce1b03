import { decodeFunctionData, getAddress, type Hex } from "viem";
import { MAX_ENTRY_COUNTERPARTIES } from "../../../protocol/activity.js";
import type { ActivityStore } from "../stores/activity.js";
import { entriesFor } from "./abiTable.js";

/** Addresses compared per new transaction: every entry's recipients fit (500 entries, a few each). */
export const MAX_COUNTERPARTIES = 2000;
/** Inner calls of a multicall looked into, and how deep: enough for the routers people use. */
const MAX_DEPTH = 2;

/**
 * The token recipients and spenders a call names, from the offline ABI table alone: no chain
 * read, so it can run as a transaction is recorded. Which standard the target is does not
 * matter here (the two families that share selectors put the recipient and the spender in the
 * same place); only addresses are kept, never amounts.
 */
export function callCounterparties(data: Hex | undefined, depth = 0): string[] {
  if (!data || data.length < 10) return [];
  const found = new Set<string>();
  for (const entry of entriesFor(data.slice(0, 10))) {
    let args: readonly unknown[];
    try {
      args = decodeFunctionData({ abi: [entry.item], data }).args ?? [];
    } catch {
      continue;
    }
    const named = new Map(entry.item.inputs.map((input, i) => [input.name ?? "", args[i]]));
    for (const role of [entry.roles.recipient, entry.roles.spender]) {
      const value = role === undefined ? undefined : named.get(role);
      if (typeof value === "string") found.add(getAddress(value).toLowerCase());
    }
    const inner = entry.roles.calls === undefined ? undefined : named.get(entry.roles.calls);
    if (Array.isArray(inner) && depth < MAX_DEPTH) {
      for (const call of inner.slice(0, MAX_ENTRY_COUNTERPARTIES)) {
        for (const address of callCounterparties(call as Hex, depth + 1)) found.add(address);
      }
    }
  }
  return [...found].slice(0, MAX_ENTRY_COUNTERPARTIES);
}

/**
 * Whether the call gives or changes a permission: its selector is one of the table's with a
 * spender or operator (approve, setApprovalForAll, increase/decreaseAllowance, Permit2's
 * approve). Offline, as callCounterparties; the two families sharing `approve` are both one.
 */
export function changesPermission(data: Hex | undefined): boolean {
  if (!data || data.length < 10) return false;
  return entriesFor(data.slice(0, 10)).some((entry) => entry.roles.spender !== undefined);
}

/**
 * Addresses `account` sent to or approved before on `chainId`, newest first: the `to` of each of
 * its confirmed transactions and the token recipients and spenders recorded with them. The
 * look-alike check compares a new recipient with these as with the wallet's own accounts
 * (address poisoning plants a look-alike of a real counterparty in the history, to be copied
 * from it). Only confirmed ones: a failed or replaced transaction never reached its recipient.
 */
export function earlierCounterparties(activity: ActivityStore, chainId: number, account: string): string[] {
  const found = new Set<string>();
  for (const entry of activity.list(chainId, account)) {
    if (entry.kind !== "transaction" || entry.status !== "confirmed") continue;
    if (entry.tx?.to) found.add(entry.tx.to.toLowerCase());
    for (const address of entry.counterparties ?? []) found.add(address.toLowerCase());
    if (found.size >= MAX_COUNTERPARTIES) break;
  }
  return [...found].slice(0, MAX_COUNTERPARTIES);
}
