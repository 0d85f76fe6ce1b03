import * as z from "zod";
import { BatchIdSchema, MAX_BATCH_CALLS } from "../../../protocol/callBatch.js";
import { DuplicateIdError } from "../../../protocol/errors.js";
import { JsonStore } from "./JsonStore.js";

const AddressSchema = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const QuantitySchema = z.string().regex(/^0x[0-9a-fA-F]{1,64}$/);

/** How a call ended, once it has: the chain's receipt, or the host's finding that it never will. */
export const CallOutcomeSchema = z.enum(["success", "reverted", "dropped", "unsent"]);
export type CallOutcome = z.infer<typeof CallOutcomeSchema>;

const StoredCallSchema = z
  .object({
    to: AddressSchema.nullable(),
    value: QuantitySchema,
    /** Only the data's size and selector are kept: the data itself is on chain once sent. */
    dataSize: z.number().int().min(0),
    selector: z
      .string()
      .regex(/^0x[0-9a-f]{8}$/)
      .optional(),
    nonce: z.number().int().min(0).optional(),
    hash: z
      .string()
      .regex(/^0x[0-9a-f]{64}$/)
      .optional(),
    sentAt: z.number().int().optional(),
    outcome: CallOutcomeSchema.optional(),
  })
  .strict();
export type StoredCall = z.infer<typeof StoredCallSchema>;

const StoredBatchSchema = z
  .object({
    id: BatchIdSchema,
    /** The origin that sent it, as the browser reported it: only that origin may read it. */
    origin: z.string().max(2048),
    chainId: z.number().int().positive(),
    from: AddressSchema,
    createdAt: z.number().int(),
    /** True once every call was broadcast or given up; false after a restart means never. */
    sent: z.boolean(),
    calls: z.array(StoredCallSchema).min(1).max(MAX_BATCH_CALLS),
  })
  .strict();
export type StoredBatch = z.infer<typeof StoredBatchSchema>;

/** Batches kept per origin and in all; the oldest go first. The EIP asks for a day at least. */
export const MAX_BATCHES_PER_ORIGIN = 100;
export const MAX_BATCHES = 1000;

const BatchesFileSchema = z
  .object({ version: z.literal(1), batches: z.array(StoredBatchSchema).max(MAX_BATCHES) })
  .strict();

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * EIP-5792 batches the host sent (calls-batches.json), so `wallet_getCallsStatus` answers across
 * a daemon restart. A site sees only its own batches: every lookup takes the origin.
 */
export class CallBatchStore {
  private readonly store: JsonStore<typeof BatchesFileSchema>;
  /** Ids taken by a batch still waiting for its approval (origin and id), so a twin is a duplicate. */
  private readonly reserved = new Set<string>();

  constructor(home: string) {
    this.store = new JsonStore(home, "calls-batches.json", BatchesFileSchema, () => ({
      version: 1 as const,
      batches: [],
    }));
  }

  reload(): void {
    this.store.reload();
  }

  find(origin: string, id: string): StoredBatch | undefined {
    return this.store.get().batches.find((b) => b.origin === origin && sameId(b.id, id));
  }

  /**
   * Holds `id` for `origin` until the returned release runs (after the batch is stored or
   * refused). An id the origin already used, or one held, is 5720: ids are unique per site,
   * which makes them unique per sender too, and a status lookup by id alone is never ambiguous.
   */
  reserve(origin: string, id: string): () => void {
    const key = `${origin}\n${id.toLowerCase()}`;
    if (this.reserved.has(key) || this.find(origin, id)) throw new DuplicateIdError();
    this.reserved.add(key);
    return () => this.reserved.delete(key);
  }

  add(batch: StoredBatch): void {
    this.store.update((file) => {
      const kept = [...file.batches, batch];
      // The origin's oldest beyond its share, then the oldest overall.
      const ofOrigin = kept.filter((b) => b.origin === batch.origin);
      const excess = new Set(ofOrigin.slice(0, Math.max(0, ofOrigin.length - MAX_BATCHES_PER_ORIGIN)));
      file.batches = kept.filter((b) => !excess.has(b)).slice(-MAX_BATCHES);
    });
  }

  /** Changes one stored batch (found by origin and id) and persists it. */
  change(origin: string, id: string, edit: (batch: StoredBatch) => void): void {
    this.store.update((file) => {
      const batch = file.batches.find((b) => b.origin === origin && sameId(b.id, id));
      if (batch) edit(batch);
    });
  }

  /** Every batch, oldest first (the popup's view of one reads through `find`). */
  all(): readonly StoredBatch[] {
    return this.store.get().batches;
  }
}
