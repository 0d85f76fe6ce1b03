import { randomUUID } from "node:crypto";
import { type Hex, hexToBigInt } from "viem";
import type { ActivityEntry, SentTransaction } from "../../../protocol/activity.js";
import { fromRpcError, InternalError, ProviderRpcError } from "../../../protocol/errors.js";
import { WALLET_ORIGIN } from "../../../protocol/walletOrigin.js";
import { callCounterparties } from "../approvals/counterparties.js";
import type { Chain } from "../stores/chains.js";
import type { Wallet } from "../wallet/Wallet.js";
import { describeTransaction } from "./describeTransaction.js";
import { refusalText } from "./refusalText.js";

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
    wallet.activity.add({ ...entryOf(wallet, sent), id: sent.hash, status: "pending", hash: sent.hash });
    wallet.follower.follow(sent.chain.chainId, sent.account);
  } catch {
    // See above: listing is best effort once the transaction is sent.
  }
}

/**
 * A transaction the person approved that the network refused at broadcast (or could not be
 * reached for): listed as `failed` with what happened in words, so the popup that started it,
 * or the next one opened, shows why nothing was sent. Returns the error to answer with: the
 * same code, and for the wallet's own screens the words in place of the node's; a site gets
 * the node's own message, which libraries match on.
 */
export function recordRefusal(
  wallet: Wallet,
  refused: Omit<SentRecord, "hash">,
  error: unknown,
): ProviderRpcError {
  const text = refusalText(refused.chain, error);
  try {
    wallet.activity.add({ ...entryOf(wallet, refused), id: randomUUID(), status: "failed", error: text });
  } catch {
    // Best effort, as above: the error still reaches whoever asked.
  }
  const original = error instanceof ProviderRpcError ? error : new InternalError(text, { cause: error });
  return refused.origin === WALLET_ORIGIN
    ? fromRpcError({ code: original.code, message: text, data: original.data })
    : original;
}

function entryOf(
  wallet: Wallet,
  sent: Omit<SentRecord, "hash">,
): Omit<ActivityEntry, "id" | "status" | "hash"> {
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
  return {
    kind: "transaction",
    chainId: sent.chain.chainId,
    account: sent.account.toLowerCase(),
    origin: sent.origin,
    time: Date.now(),
    summary: summary.slice(0, 300),
    nonce: sent.nonce,
    tx,
    ...(counterparties.length > 0 ? { counterparties } : {}),
    ...(sent.replacement ? { replaces: sent.replacement.replaces, purpose: sent.replacement.purpose } : {}),
  };
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
