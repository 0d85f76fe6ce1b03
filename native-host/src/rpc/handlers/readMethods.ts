import * as z from "zod";
import { chainRequest } from "../../wallet/chainClient.js";
import type { Handler } from "../Handler.js";
import {
  AddressSchema,
  BlockRefSchema,
  BlockTagSchema,
  DataSchema,
  Hash32Schema,
  parseParams,
  QuantitySchema,
  upTo,
} from "../params.js";

const AccessListSchema = z
  .array(z.object({ address: AddressSchema, storageKeys: z.array(Hash32Schema).max(1024) }).strict())
  .max(256);

/** A call object for eth_call / eth_estimateGas (EIP-1474 plus the EIP-1559 fee fields). */
export const CallSchema = z
  .object({
    from: AddressSchema.optional(),
    to: AddressSchema.nullable().optional(),
    gas: QuantitySchema.optional(),
    gasPrice: QuantitySchema.optional(),
    maxFeePerGas: QuantitySchema.optional(),
    maxPriorityFeePerGas: QuantitySchema.optional(),
    value: QuantitySchema.optional(),
    data: DataSchema.optional(),
    input: DataSchema.optional(),
    nonce: QuantitySchema.optional(),
    type: QuantitySchema.optional(),
    chainId: QuantitySchema.optional(),
    accessList: AccessListSchema.optional(),
  })
  .strict();

const FilterSchema = z
  .object({
    fromBlock: BlockTagSchema.optional(),
    toBlock: BlockTagSchema.optional(),
    address: z.union([AddressSchema, z.array(AddressSchema).max(64)]).optional(),
    topics: z
      .array(z.union([Hash32Schema, z.null(), z.array(Hash32Schema).max(16)]))
      .max(4)
      .optional(),
    blockHash: Hash32Schema.optional(),
  })
  .strict();

const none = z.tuple([]);

/** Each read method's params; they go to the site's chain unchanged once they pass. */
const READ_PARAMS = {
  eth_blockNumber: none,
  eth_gasPrice: none,
  eth_maxPriorityFeePerGas: none,
  web3_clientVersion: none,
  eth_getBalance: upTo(z.tuple([AddressSchema]).rest(BlockRefSchema), 2),
  eth_getTransactionCount: upTo(z.tuple([AddressSchema]).rest(BlockRefSchema), 2),
  eth_getCode: upTo(z.tuple([AddressSchema]).rest(BlockRefSchema), 2),
  eth_getStorageAt: upTo(z.tuple([AddressSchema, QuantitySchema]).rest(BlockRefSchema), 3),
  // The third element is a state-override set (geth), passed through to the node.
  eth_call: upTo(z.tuple([CallSchema]).rest(z.union([BlockRefSchema, z.record(z.string(), z.unknown())])), 3),
  eth_estimateGas: upTo(z.tuple([CallSchema]).rest(BlockRefSchema), 2),
  eth_feeHistory: z.tuple([QuantitySchema, BlockTagSchema, z.array(z.number().min(0).max(100)).max(100)]),
  eth_getTransactionReceipt: z.tuple([Hash32Schema]),
  eth_getTransactionByHash: z.tuple([Hash32Schema]),
  eth_getBlockByNumber: z.tuple([BlockTagSchema, z.boolean()]),
  eth_getBlockByHash: z.tuple([Hash32Schema, z.boolean()]),
  eth_getLogs: z.tuple([FilterSchema]),
} satisfies Record<string, z.ZodType>;

export type ReadMethod = keyof typeof READ_PARAMS;

/** A handler that validates params and forwards the call to the requesting site's chain. */
export function forwardRead(method: ReadMethod): Handler {
  const schema = READ_PARAMS[method];
  return async ({ origin, wallet }, params) => {
    const valid = parseParams(schema, params) as unknown[];
    return chainRequest(wallet.chainFor(origin), method, valid);
  };
}
