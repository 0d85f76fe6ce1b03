import { randomUUID } from "node:crypto";
import { type Hex, hexToBigInt } from "viem";
import type { ActivityEntry, SentTransaction } from "../../../protocol/activity.js";
import type { Chain } from "../stores/chains.js";
import type { Wallet } from "../wallet/Wallet.js";

/** What was signed and broadcast, as the send handler and the replacements know it. */
export interface SentRecord {
  chain: Chain;
  account: string;
  origin: string;
  hash: Hex;
  nonce: number;
  to: string | null;
  value: bigint;
  data: Hex | undefined;
  gas: bigint;
  fees: { gasPrice: bigint } | { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint };
  /**
   * The line the approval window led with (transactionSummary, from the decoded call), so the
   * activity says what the person approved in the words they approved it in.
   */
  summary: string;
  /** Set for a replacement: what it replaces. */
  replacement?: { replaces: Hex; purpose: "speed-up" | "cancel" };
}

/**
 * Adds a broadcast transaction to the account's activity, pending, and has it followed. The
 * transaction is already on its way: a failure to record (a full disk) must not turn the site's
 * answer into an error, so it is swallowed here and the transaction simply goes unlisted.
 */
export function recordTransaction(wallet: Wallet, sent: SentRecord): void {
  try {
    const tx: SentTransaction = {
      to: sent.to?.toLowerCase() ?? null,
      value: sent.value.toString(),
      gas: sent.gas.toString(),
      ...("gasPrice" in sent.fees
        ? { gasPrice: sent.fees.gasPrice.toString() }
        : {
            maxFeePerGas: sent.fees.maxFeePerGas.toString(),
            maxPriorityFeePerGas: sent.fees.maxPriorityFeePerGas.toString(),
          }),
    };
    const entry: ActivityEntry = {
      id: sent.hash,
      kind: "transaction",
      chainId: sent.chain.chainId,
      account: sent.account.toLowerCase(),
      origin: sent.origin,
      time: Date.now(),
      summary: clip(sent.summary),
      status: "pending",
      hash: sent.hash,
      nonce: sent.nonce,
      tx,
      ...(sent.replacement ? { replaces: sent.replacement.replaces, purpose: sent.replacement.purpose } : {}),
    };
    wallet.activity.add(entry);
    wallet.follower.follow(sent.chain.chainId, sent.account);
  } catch {
    // See above: listing is best effort once the transaction is sent.
  }
}

/** Adds a signature the account made, settled at once (nothing to wait for). Best effort, as above. */
export function recordSignature(
  wallet: Wallet,
  signed: { chainId: number; account: string; origin: string; summary: string },
): void {
  try {
    wallet.activity.add({
      id: randomUUID(),
      kind: "signature",
      chainId: signed.chainId,
      account: signed.account.toLowerCase(),
      origin: signed.origin,
      time: Date.now(),
      summary: clip(signed.summary),
      status: "confirmed",
    });
  } catch {
    // Best effort: the signature is already the site's.
  }
}

/** The store keeps 300 characters of a line; a cut one says so. */
function clip(line: string): string {
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** A quantity from the chain as a bigint ("0x0" when absent). */
export function quantity(value: unknown): bigint {
  return typeof value === "string" && /^0x[0-9a-fA-F]+$/.test(value) ? hexToBigInt(value as Hex) : 0n;
}
