import type { Hex } from "viem";
import { CALLS_STATUS, type CallState, type CallsStatusCode } from "../../../protocol/callBatch.js";
import type { CallOutcome, StoredBatch, StoredCall } from "../stores/callBatches.js";
import type { Chain } from "../stores/chains.js";
import { chainRequest } from "./chainClient.js";

/**
 * A batch's EIP-5792 status from its calls' outcomes (undefined: not settled yet).
 * https://eips.ethereum.org/EIPS/eip-5792#status-codes-for-status-field
 * Any call unsettled: 100. Every call included and successful: 200. None included (none sent,
 * or all dropped): 400. Included ones all reverted and nothing succeeded: 500 (only gas was
 * spent). Some succeeded while others reverted or never landed: 600.
 */
export function batchStatusCode(outcomes: ReadonlyArray<CallOutcome | undefined>): CallsStatusCode {
  if (outcomes.some((o) => o === undefined)) return CALLS_STATUS.pending;
  if (outcomes.every((o) => o === "success")) return CALLS_STATUS.confirmed;
  if (!outcomes.some((o) => o === "success" || o === "reverted")) return CALLS_STATUS.offchainFailure;
  if (!outcomes.some((o) => o === "success")) return CALLS_STATUS.reverted;
  return CALLS_STATUS.partiallyReverted;
}

/** A transaction without a receipt this long after it was sent may be given up (see `settle`). */
export const DROP_AFTER_MS = 30 * 60_000;

export interface RpcReceipt {
  logs: Array<{ address: Hex; data: Hex; topics: Hex[] }>;
  status: Hex;
  blockHash: Hex;
  blockNumber: Hex;
  gasUsed: Hex;
  transactionHash: Hex;
  transactionIndex: Hex;
}

/** The receipt in the EIP's shape: a strict subset of `eth_getTransactionReceipt`'s. */
export function eipReceipt(receipt: RpcReceipt) {
  return {
    logs: receipt.logs.map(({ address, data, topics }) => ({ address, data, topics })),
    status: receipt.status,
    blockHash: receipt.blockHash,
    blockNumber: receipt.blockNumber,
    gasUsed: receipt.gasUsed,
    transactionHash: receipt.transactionHash,
  };
}

/** Receipts already read, by hash (final once the host saw them; the chain cannot take one back short of a reorg). */
const receiptCache = new Map<string, RpcReceipt>();
const MAX_CACHED_RECEIPTS = 512;

async function receiptOf(chain: Chain, hash: string): Promise<RpcReceipt | null> {
  const cached = receiptCache.get(hash);
  if (cached) return cached;
  const receipt = (await chainRequest(chain, "eth_getTransactionReceipt", [hash])) as RpcReceipt | null;
  if (receipt) {
    receiptCache.set(hash, receipt);
    if (receiptCache.size > MAX_CACHED_RECEIPTS)
      receiptCache.delete(receiptCache.keys().next().value as string);
  }
  return receipt;
}

export interface Settled {
  /** Outcomes that changed (index → outcome), for the store. */
  changed: Map<number, CallOutcome>;
  outcomes: Array<CallOutcome | undefined>;
  receipts: RpcReceipt[];
}

/**
 * Reads each unsettled call's receipt from the batch's chain. A call that was never broadcast
 * while nothing is sending it any more is `unsent`. One without a receipt past `dropAfterMs` is
 * `dropped` once the account's nonce moved past it (another transaction took its place) or the
 * node no longer knows it: otherwise a lost transaction would keep its batch at 100 forever.
 */
export async function settle(
  batch: StoredBatch,
  chain: Chain | undefined,
  options: { stillSending: boolean; now: number; dropAfterMs: number },
): Promise<Settled> {
  const changed = new Map<number, CallOutcome>();
  const outcomes: Array<CallOutcome | undefined> = [];
  const receipts: RpcReceipt[] = [];
  let latestNonce: bigint | undefined;
  for (const [index, call] of batch.calls.entries()) {
    let outcome = call.outcome;
    if (call.hash && chain && (outcome === undefined || outcome === "success" || outcome === "reverted")) {
      const receipt = await receiptOf(chain, call.hash);
      if (receipt) {
        receipts.push(receipt);
        outcome = receipt.status === "0x1" ? "success" : "reverted";
      } else if (outcome === undefined && isOverdue(call, options)) {
        latestNonce ??= BigInt(
          (await chainRequest(chain, "eth_getTransactionCount", [batch.from, "latest"])) as Hex,
        );
        const nonceTaken = call.nonce !== undefined && latestNonce > BigInt(call.nonce);
        if (nonceTaken || (await chainRequest(chain, "eth_getTransactionByHash", [call.hash])) === null) {
          outcome = "dropped";
        }
      }
    } else if (!call.hash && outcome === undefined && !options.stillSending) {
      outcome = "unsent";
    }
    if (outcome !== call.outcome && outcome !== undefined) changed.set(index, outcome);
    outcomes.push(outcome);
  }
  receipts.sort(
    (a, b) =>
      Number(BigInt(a.blockNumber) - BigInt(b.blockNumber)) ||
      Number(BigInt(a.transactionIndex) - BigInt(b.transactionIndex)),
  );
  return { changed, outcomes, receipts };
}

function isOverdue(call: StoredCall, options: { now: number; dropAfterMs: number }): boolean {
  return call.sentAt !== undefined && options.now - call.sentAt >= options.dropAfterMs;
}

/** A call's state for the popup. */
export function callState(call: StoredCall, outcome: CallOutcome | undefined): CallState {
  switch (outcome) {
    case "success":
      return "confirmed";
    case "reverted":
      return "reverted";
    case "dropped":
      return "dropped";
    case "unsent":
      return "not-sent";
    default:
      return call.hash ? "pending" : "queued";
  }
}
