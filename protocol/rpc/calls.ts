import * as z from "zod";
import "../zodConfig.js";
import { BatchIdSchema } from "../callBatch.js";
import {
  AddressResultSchema,
  AddressSchema,
  DataSchema,
  HashResultSchema,
  QuantitySchema,
  upTo,
} from "./encoding.js";
import { rpcMethod } from "./rpcMethod.js";

/**
 * EIP-5792's methods: what a wallet can do per chain, a batch of calls, and the batch's status.
 * https://eips.ethereum.org/EIPS/eip-5792
 */

/** A capability a dApp asks for: its own fields, and `optional` when the wallet may ignore it. */
const CapabilitiesSchema = z
  .record(z.string().min(1).max(128), z.looseObject({ optional: z.boolean().optional() }))
  .refine((caps) => Object.keys(caps).length <= 32, "at most 32 capabilities");
export type Capabilities = z.infer<typeof CapabilitiesSchema>;

const CallSchema = z
  .object({
    to: AddressSchema.optional(),
    data: DataSchema.optional(),
    value: QuantitySchema.optional(),
    capabilities: CapabilitiesSchema.optional(),
  })
  .strict();

const SendCallsSchema = z
  .object({
    version: z.string().max(32),
    id: BatchIdSchema.optional(),
    from: AddressSchema.optional(),
    chainId: QuantitySchema,
    atomicRequired: z.boolean(),
    // Longer than the wallet takes, so a big batch gets 5740 rather than a parse error.
    calls: z.array(CallSchema).min(1).max(1000),
    capabilities: CapabilitiesSchema.optional(),
  })
  .strict();

const HexChainIdSchema = z.string().regex(/^0x[0-9a-fA-F]{1,64}$/);
const Hex = (max: number) =>
  z
    .string()
    .regex(/^0x[0-9a-fA-F]*$/)
    .max(max);

/** Per hex chain id (as the dApp wrote it when it asked for some), what the wallet offers there. */
const CapabilitiesByChainSchema = z
  .record(
    HexChainIdSchema,
    z
      .object({
        atomic: z.object({ status: z.enum(["supported", "ready", "unsupported"]) }).strict(),
      })
      .strict(),
  )
  .refine((chains) => Object.keys(chains).length <= 256, "at most 256 chains");

/** A receipt in the EIP's shape: a strict subset of `eth_getTransactionReceipt`'s. */
const CallReceiptSchema = z
  .object({
    logs: z
      .array(
        z
          .object({
            address: AddressResultSchema,
            data: Hex(2 * 1024 * 1024),
            topics: z.array(Hex(66)).max(4),
          })
          .strict(),
      )
      .max(10_000),
    status: Hex(4),
    blockHash: HashResultSchema,
    blockNumber: Hex(66),
    gasUsed: Hex(66),
    transactionHash: HashResultSchema,
  })
  .strict();
export type CallReceipt = z.infer<typeof CallReceiptSchema>;

/** `wallet_getCallsStatus`'s answer. Vaughan never executes a batch atomically. */
const CallsStatusSchema = z
  .object({
    version: z.literal("2.0.0"),
    id: BatchIdSchema,
    chainId: HexChainIdSchema,
    atomic: z.literal(false),
    status: z.number().int().min(100).max(699),
    receipts: z.array(CallReceiptSchema).max(1000),
  })
  .strict();
export type CallsStatus = z.infer<typeof CallsStatusSchema>;

/** `[address]` or `[address, chainIds]`; the address must be one the site may use. */
export const walletGetCapabilities = rpcMethod({
  params: upTo(
    z.union([z.tuple([AddressSchema]), z.tuple([AddressSchema, z.array(QuantitySchema).max(64)])]),
    2,
  ),
  result: CapabilitiesByChainSchema,
});

/** A batch prompts like a transaction; the answer is the batch's id, at once. */
export const walletSendCalls = rpcMethod({
  params: z.tuple([SendCallsSchema]),
  result: z.object({ id: BatchIdSchema }).strict(),
});

/** Reads receipts from the chain. Only the site that sent a batch can see it (5730 otherwise). */
export const walletGetCallsStatus = rpcMethod({
  params: z.tuple([BatchIdSchema]),
  result: CallsStatusSchema,
});

/** The host checks the batch is the site's and answers null; the background then opens a window on it. */
export const walletShowCallsStatus = rpcMethod({
  params: z.tuple([BatchIdSchema]),
  result: z.null(),
});
