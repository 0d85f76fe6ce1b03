import { randomUUID } from "node:crypto";
import { type Hex, hexToBigInt } from "viem";
import type { ActivityEntry, SentTransaction } from "../../../protocol/activity.js";
import { callCounterparties } from "../approvals/counterparties.js";
import type { Chain } from "../stores/chains.js";
import type { Wallet } from "../wallet/Wallet.js";
import { describeTransaction } from "./describeTransaction.js";

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
  /** Set for a replacement: its summary and what it replaces. */
  replacement?: { replaces: Hex; purpose: "speed-up" | "cancel"; summary: string };
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
    const summary =
      sent.replacement?.summary ??
      describeTransaction(
        { to: sent.to, value: sent.value, data: sent.data },
        sent.chain,
        wallet.assets.list(),
      );
    const counterparties = callCounterparties(sent.data);
    const entry: ActivityEntry = {
      id: sent.hash,
      kind: "transaction",
      chainId: sent.chain.chainId,
      account: sent.account.toLowerCase(),
      origin: sent.origin,
      time: Date.now(),
      summary: summary.slice(0, 300),
      status: "pending",
      hash: sent.hash,
      nonce: sent.nonce,
      tx,
      ...(counterparties.length > 0 ? { counterparties } : {}),
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
      summary: signed.summary.slice(0, 300),
      status: "confirmed",
    });
  } catch {
    // Best effort: the signature is already the site's.
  }
}

/** A quantity from the chain as a bigint ("0x0" when absent). */
export function quantity(value: unknown): bigint {
  return typeof value === "string" && /^0x[0-9a-fA-F]+$/.test(value) ? hexToBigInt(value as Hex) : 0n;
}
