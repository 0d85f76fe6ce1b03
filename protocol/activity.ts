import * as z from "zod";
import "./zodConfig.js";
import { MAX_BATCH_CALLS } from "./callBatch.js";
import { OriginSchema } from "./messages.js";

const AddressSchema = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const HashSchema = z.string().regex(/^0x[0-9a-fA-F]{64}$/);
/** An amount in base units (wei), as a decimal string: JSON has no big integers. */
export const DecimalSchema = z.string().regex(/^(0|[1-9][0-9]{0,79})$/);

/** Counterparties kept per transaction: a multicall of many transfers is still one entry's worth. */
export const MAX_ENTRY_COUNTERPARTIES = 8;

/**
 * A batch id as an entry carries it: up to 64 bytes (the host's own are 32). EIP-5792 lets a
 * dApp name a batch with up to 4096 bytes; 500 entries of that would not fit the popup's one
 * answer, so a longer id is left out and the entry keeps only its place in the batch.
 */
export const MAX_ENTRY_BATCH_ID = 130;

/** Where a transaction sent by an EIP-5792 batch (`wallet_sendCalls`) stands in it. */
export const ActivityBatchSchema = z
  .object({
    id: z
      .string()
      .max(MAX_ENTRY_BATCH_ID)
      .regex(/^0x[0-9a-fA-F]+$/)
      .optional(),
    /** 0 for the first call. */
    index: z
      .number()
      .int()
      .min(0)
      .max(MAX_BATCH_CALLS - 1),
    /** How many calls the batch has. */
    calls: z.number().int().min(1).max(MAX_BATCH_CALLS),
  })
  .strict();
export type ActivityBatch = z.infer<typeof ActivityBatchSchema>;

export const ActivityStatusSchema = z.enum(["pending", "confirmed", "failed", "replaced", "cancelled"]);
export type ActivityStatus = z.infer<typeof ActivityStatusSchema>;

/** What a transaction was signed with: enough to show it and to price its replacement. */
export const SentTransactionSchema = z
  .object({
    to: AddressSchema.nullable(),
    value: DecimalSchema,
    gas: DecimalSchema,
    gasPrice: DecimalSchema.optional(),
    maxFeePerGas: DecimalSchema.optional(),
    maxPriorityFeePerGas: DecimalSchema.optional(),
  })
  .strict();
export type SentTransaction = z.infer<typeof SentTransactionSchema>;

/**
 * One thing the account did: a transaction it sent or a message it signed, newest first in
 * its (chain, account) list. A signature is `confirmed` once made; a transaction is `pending`
 * until its receipt says `confirmed` or `failed`, or until another transaction with its nonce
 * is mined (`replaced`, or `cancelled` when that one was the wallet's cancel). One the network
 * refused at broadcast is `failed` at once, with an `error` and no hash.
 */
export const ActivityEntrySchema = z
  .object({
    /** The transaction hash, or a random id for a signature or a refused transaction. */
    id: z.string().min(1).max(80),
    kind: z.enum(["transaction", "signature"]),
    chainId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    account: AddressSchema,
    /** The site that asked, or WALLET_ORIGIN for the wallet's own. */
    origin: OriginSchema,
    /** Milliseconds since the epoch when it was signed. */
    time: z.number().int().nonnegative(),
    /** One line in plain words ("Send 0.01 ETH to 0x7099…79C8"). */
    summary: z.string().max(300),
    status: ActivityStatusSchema,
    hash: HashSchema.optional(),
    nonce: z.number().int().nonnegative().optional(),
    tx: SentTransactionSchema.optional(),
    /**
     * The token recipients and spenders the transaction's call names (lower case), beside `tx.to`:
     * the earlier counterparties a later look-alike is compared with.
     */
    counterparties: z.array(AddressSchema).max(MAX_ENTRY_COUNTERPARTIES).optional(),
    /**
     * The call gives or changes a spender's or operator's permission (approve, setApprovalForAll,
     * an allowance raised or lowered, Permit2's approve): the popup marks it apart from a send.
     */
    permission: z.literal(true).optional(),
    /** Set when the transaction is one call of an EIP-5792 batch. */
    batch: ActivityBatchSchema.optional(),
    /** gasUsed × effectiveGasPrice once mined. */
    feeWei: DecimalSchema.optional(),
    /** A replacement: what it replaces, and why. */
    replaces: HashSchema.optional(),
    purpose: z.enum(["speed-up", "cancel"]).optional(),
    /** Set on a replaced or cancelled transaction: the one mined in its place. */
    replacedBy: HashSchema.optional(),
    /**
     * Set on a transaction the network refused when it was broadcast (it has no hash, and its
     * nonce stays free): what happened and what to do, in words.
     */
    error: z.string().max(600).optional(),
    /** When the chain first no longer knew a pending transaction (to give up on it later). */
    missingSince: z.number().int().nonnegative().optional(),
  })
  .strict();
export type ActivityEntry = z.infer<typeof ActivityEntrySchema>;

/** An entry as the popup gets it: with a link to the chain's explorer when one is configured. */
export const UiActivityEntrySchema = ActivityEntrySchema.extend({
  explorerUrl: z.string().max(2200).optional(),
}).strict();
export type UiActivityEntry = z.infer<typeof UiActivityEntrySchema>;
