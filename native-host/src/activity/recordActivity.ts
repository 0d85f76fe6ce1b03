import { randomUUID } from "node:crypto";
import { type Hex, hexToBigInt } from "viem";
import {
  type ActivityBatch,
  type ActivityEntry,
  MAX_ENTRY_BATCH_ID,
  type SentTransaction,
} from "../../../protocol/activity.js";
import { fromRpcError, InternalError, ProviderRpcError } from "../../../protocol/errors.js";
import { WALLET_ORIGIN } from "../../../protocol/walletOrigin.js";
import { callCounterparties, changesPermission } from "../approvals/counterparties.js";
import type { Chain } from "../stores/chains.js";
import type { Wallet } from "../wallet/Wallet.js";
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
  /**
   * The line the approval window led with (transactionSummary, from the decoded call), so the
   * activity says what the person approved in the words they approved it in.
   */
  summary: string;
  /** Set for a replacement: what it replaces. */
  replacement?: { replaces: Hex; purpose: "speed-up" | "cancel" };
  /** Set for a call of an EIP-5792 batch: the batch's id and the call's place in it. */
  batch?: { id: string; index: number; calls: number };
}

/** The batch as the entry names it: its id only when short enough to keep (MAX_ENTRY_BATCH_ID). */
function batchReference(batch: NonNullable<SentRecord["batch"]>): ActivityBatch {
  const { id, index, calls } = batch;
  return id.length <= MAX_ENTRY_BATCH_ID ? { id: id.toLowerCase(), index, calls } : { index, calls };
}

/**
 * Adds a broadcast transaction to the account's activity, pending, and has it followed. The
 * transaction is already on its way: a failure to record (a full disk) must not turn the site's
 * answer into an error, so it is swallowed here and the transaction simply goes unlisted.
 */
export function recordTransaction(wallet: Wallet, sent: SentRecord): void {
  try {
    wallet.activity.add({ ...entryOf(sent), id: sent.hash, status: "pending", hash: sent.hash });
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
    wallet.activity.add({ ...entryOf(refused), id: randomUUID(), status: "failed", error: text });
  } catch {
    // Best effort, as above: the error still reaches whoever asked.
  }
  const original = error instanceof ProviderRpcError ? error : new InternalError(text, { cause: error });
  return refused.origin === WALLET_ORIGIN
    ? fromRpcError({ code: original.code, message: text, data: original.data })
    : original;
}

function entryOf(sent: Omit<SentRecord, "hash">): Omit<ActivityEntry, "id" | "status" | "hash"> {
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
  const counterparties = callCounterparties(sent.data);
  return {
    kind: "transaction",
    chainId: sent.chain.chainId,
    account: sent.account.toLowerCase(),
    origin: sent.origin,
    time: Date.now(),
    summary: clip(sent.summary),
    nonce: sent.nonce,
    tx,
    ...(counterparties.length > 0 ? { counterparties } : {}),
    ...(changesPermission(sent.data) ? { permission: true as const } : {}),
    ...(sent.batch ? { batch: batchReference(sent.batch) } : {}),
    ...(sent.replacement ? { replaces: sent.replacement.replaces, purpose: sent.replacement.purpose } : {}),
  };
}

/**
 * Adds a signature the account made, settled at once (nothing to wait for). Written just after
 * the signature is answered (`addSoon`), not before: the file's write and two fsyncs are
 * milliseconds the site would otherwise wait for a signature it already has (bench: "signing
 * after approval"). Best effort, as above.
 */
export function recordSignature(
  wallet: Wallet,
  signed: { chainId: number; account: string; origin: string; summary: string },
): void {
  try {
    wallet.activity.addSoon({
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
