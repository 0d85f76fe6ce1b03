import * as z from "zod";
import "./zodConfig.js";

/**
 * EIP-5792 call batches as the host keeps them and the extension's pages show them.
 * https://eips.ethereum.org/EIPS/eip-5792
 */

/** Calls in one batch: a person reads each in one window, and each is its own transaction here. */
export const MAX_BATCH_CALLS = 10;

/**
 * A batch id: hex, at most 4096 bytes (the EIP's 8194 characters with `0x`). The host's own are
 * 32 random bytes; a dApp may give its own.
 */
export const BatchIdSchema = z
  .string()
  .max(8194)
  .regex(/^0x[0-9a-fA-F]+$/, "invalid batch id");

/** EIP-5792 status codes. */
export const CALLS_STATUS = {
  pending: 100,
  confirmed: 200,
  offchainFailure: 400,
  reverted: 500,
  partiallyReverted: 600,
} as const;
export type CallsStatusCode = (typeof CALLS_STATUS)[keyof typeof CALLS_STATUS];

/**
 * One call's state: `queued` not yet broadcast (still sending), `pending` broadcast without a
 * receipt, `confirmed`/`reverted` by its receipt, `dropped` never included (replaced or gone from
 * the node), `not-sent` never broadcast (an earlier broadcast failed, or the host stopped).
 */
export const CallStateSchema = z.enum(["queued", "pending", "confirmed", "reverted", "dropped", "not-sent"]);
export type CallState = z.infer<typeof CallStateSchema>;

const AddressSchema = z.string().regex(/^0x[0-9a-fA-F]{40}$/);

/** What the popup shows of a batch: its calls in order, each with its transaction and state. */
export const CallsStatusViewSchema = z
  .object({
    id: BatchIdSchema,
    origin: z.string().max(2048),
    chainId: z.number().int().positive(),
    from: AddressSchema,
    createdAt: z.number().int(),
    status: z.number().int().min(100).max(699),
    calls: z
      .array(
        z
          .object({
            /** null: a contract creation. */
            to: AddressSchema.nullable(),
            /** Wei, decimal. */
            value: z.string().regex(/^\d{1,80}$/),
            dataSize: z.number().int().min(0),
            /** The first four bytes of the data, when it has them. */
            selector: z
              .string()
              .regex(/^0x[0-9a-f]{8}$/)
              .optional(),
            hash: z
              .string()
              .regex(/^0x[0-9a-f]{64}$/)
              .optional(),
            state: CallStateSchema,
          })
          .strict(),
      )
      .min(1)
      .max(MAX_BATCH_CALLS),
  })
  .strict();
export type CallsStatusView = z.infer<typeof CallsStatusViewSchema>;
