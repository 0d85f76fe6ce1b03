import type { Chain } from "../stores/chains.js";

/**
 * Addresses `account` sent to or approved before on `chain`, newest first: the look-alike check
 * compares a new recipient with these as with the wallet's own accounts (address poisoning
 * plants a look-alike of a real counterparty in the history). The hook for the activity store:
 * until it records transactions, there are none.
 */
export async function earlierCounterparties(_chain: Chain, _account: string): Promise<readonly string[]> {
  return [];
}
