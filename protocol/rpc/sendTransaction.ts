import type { Hex } from "viem";
import * as z from "zod";
import "../zodConfig.js";
import { AddressSchema, DataSchema, HashResultSchema, QuantitySchema } from "./encoding.js";
import { rpcMethod } from "./rpcMethod.js";

/**
 * `data` / `input`: "" is read as no data, as MetaMask reads it (it prefixes "0x"): a form
 * whose data field was left empty sends it so, MetaMask's test-dapp's Send form among them.
 */
const TxDataSchema = z.union([z.literal("").transform((): Hex => "0x"), DataSchema]);

const TransactionSchema = z
  .object({
    from: AddressSchema,
    to: AddressSchema.nullable().optional(),
    value: QuantitySchema.optional(),
    data: TxDataSchema.optional(),
    input: TxDataSchema.optional(),
    gas: QuantitySchema.optional(),
    gasLimit: QuantitySchema.optional(),
    gasPrice: QuantitySchema.optional(),
    maxFeePerGas: QuantitySchema.optional(),
    maxPriorityFeePerGas: QuantitySchema.optional(),
    nonce: QuantitySchema.optional(),
    chainId: QuantitySchema.optional(),
    type: z.enum(["0x0", "0x2"]).optional(),
  })
  .strict();
export type TransactionRequest = z.infer<typeof TransactionSchema>;

/**
 * EIP-7702 (type 0x4): an `authorizationList` makes the account run another contract's code
 * from then on, for every later transaction, so whoever wrote that code controls the funds.
 * No approval window can make that safe to click through: refused, in words that say why,
 * before the transaction's other fields are read. https://eips.ethereum.org/EIPS/eip-7702
 */
function refuseDelegation(params: unknown, ctx: z.core.$RefinementCtx): unknown {
  const tx = Array.isArray(params) ? params[0] : undefined;
  if (typeof tx !== "object" || tx === null) return params;
  const { authorizationList, type } = tx as { authorizationList?: unknown; type?: unknown };
  if (authorizationList !== undefined || type === "0x4" || type === "0x04") {
    ctx.addIssue({
      code: "custom",
      message:
        "EIP-7702 transactions (authorizationList, type 0x4) are refused: they would hand control of the account to another contract's code",
    });
  }
  return params;
}

/**
 * `[transaction]`; the host fills gas and fees, asks, signs and broadcasts, and answers the
 * transaction's hash. https://eips.ethereum.org/EIPS/eip-1474
 */
export const ethSendTransaction = rpcMethod({
  params: z.preprocess(refuseDelegation, z.tuple([TransactionSchema])),
  result: HashResultSchema,
});
