import type { CallsStatusView } from "../../../protocol/callBatch.js";
import { UnknownBundleIdError } from "../../../protocol/errors.js";
import type { CallsStatus } from "../../../protocol/rpc/calls.js";
import { CallBatchStore, type StoredBatch } from "../stores/callBatches.js";
import type { Chain } from "../stores/chains.js";
import { batchStatusCode, callState, DROP_AFTER_MS, eipReceipt, settle } from "./callBatchStatus.js";

/**
 * The batches this host sent: stored (so their status survives a restart), the ones still being
 * broadcast by this process, and their status read from each batch's own chain.
 */
export class CallBatches {
  readonly store: CallBatchStore;
  /** Batches this process is broadcasting now (origin and id): their unsent calls are still coming. */
  private readonly sending = new Set<string>();
  /** How long a transaction may go without a receipt before a vanished one counts as dropped. */
  dropAfterMs = DROP_AFTER_MS;

  constructor(home: string) {
    this.store = new CallBatchStore(home);
  }

  /** Marks a stored batch as being broadcast until `done` runs. */
  startSending(batch: StoredBatch): () => void {
    const key = `${batch.origin}\n${batch.id.toLowerCase()}`;
    this.sending.add(key);
    return () => {
      this.sending.delete(key);
      this.store.change(batch.origin, batch.id, (b) => {
        b.sent = true;
      });
    };
  }

  /** The origin's batch, or 5730: another site's batch is as unknown as one never sent. */
  require(origin: string, id: string): StoredBatch {
    const batch = this.store.find(origin, id);
    if (!batch) throw new UnknownBundleIdError();
    return batch;
  }

  /** Reads receipts for the unsettled calls and keeps what settled. */
  private async refresh(batch: StoredBatch, chain: Chain | undefined) {
    const stillSending = this.sending.has(`${batch.origin}\n${batch.id.toLowerCase()}`);
    const settled = await settle(batch, chain, {
      stillSending,
      now: Date.now(),
      dropAfterMs: this.dropAfterMs,
    });
    if (settled.changed.size > 0) {
      this.store.change(batch.origin, batch.id, (b) => {
        for (const [index, outcome] of settled.changed) {
          const call = b.calls[index];
          if (call) call.outcome = outcome;
        }
      });
    }
    return settled;
  }

  async status(
    origin: string,
    id: string,
    chainOf: (chainId: number) => Chain | undefined,
  ): Promise<CallsStatus> {
    const batch = this.require(origin, id);
    const settled = await this.refresh(batch, chainOf(batch.chainId));
    return {
      version: "2.0.0",
      id: batch.id,
      chainId: `0x${batch.chainId.toString(16)}`,
      atomic: false,
      status: batchStatusCode(settled.outcomes),
      receipts: settled.receipts.map(eipReceipt),
    };
  }

  /** The popup's view of any batch (extension pages see every site's). */
  async view(id: string, chainOf: (chainId: number) => Chain | undefined): Promise<CallsStatusView | null> {
    const batch = this.store.all().find((b) => b.id.toLowerCase() === id.toLowerCase());
    if (!batch) return null;
    const settled = await this.refresh(batch, chainOf(batch.chainId));
    return {
      id: batch.id,
      origin: batch.origin,
      chainId: batch.chainId,
      from: batch.from,
      createdAt: batch.createdAt,
      status: batchStatusCode(settled.outcomes),
      calls: batch.calls.map((call, index) => ({
        to: call.to,
        value: BigInt(call.value).toString(),
        dataSize: call.dataSize,
        ...(call.selector ? { selector: call.selector } : {}),
        ...(call.hash ? { hash: call.hash } : {}),
        state: callState(call, settled.outcomes[index]),
      })),
    };
  }
}
