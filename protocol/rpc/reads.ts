import * as z from "zod";
import "../zodConfig.js";
import {
  AddressSchema,
  BlockRefSchema,
  BlockTagSchema,
  DataSchema,
  Hash32Schema,
  NoParamsSchema,
  QuantitySchema,
  upTo,
} from "./encoding.js";
import { type RpcMethod, rpcMethod } from "./rpcMethod.js";

/**
 * The chain reads a page may make: checked here, then sent to the site's chain unchanged, and
 * answered with what the node said (EIP-1474 defines those answers; the wallet adds nothing).
 * https://eips.ethereum.org/EIPS/eip-1474
 */

const AccessListSchema = z
  .array(z.object({ address: AddressSchema, storageKeys: z.array(Hash32Schema).max(1024) }).strict())
  .max(256);

/** A call object for eth_call / eth_estimateGas (EIP-1474 plus the EIP-1559 fee fields). */
const CallSchema = z
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

/** A read: the node's answer passes through as it came. */
const read = <P extends z.ZodType>(params: P) => rpcMethod({ params, result: z.unknown() });

export const READ_METHODS = {
  eth_blockNumber: read(NoParamsSchema),
  eth_gasPrice: read(NoParamsSchema),
  eth_maxPriorityFeePerGas: read(NoParamsSchema),
  web3_clientVersion: read(NoParamsSchema),
  eth_getBalance: read(upTo(z.tuple([AddressSchema]).rest(BlockRefSchema), 2)),
  eth_getTransactionCount: read(upTo(z.tuple([AddressSchema]).rest(BlockRefSchema), 2)),
  eth_getCode: read(upTo(z.tuple([AddressSchema]).rest(BlockRefSchema), 2)),
  eth_getStorageAt: read(upTo(z.tuple([AddressSchema, QuantitySchema]).rest(BlockRefSchema), 3)),
  // The third element is a state-override set (geth), passed through to the node.
  eth_call: read(
    upTo(z.tuple([CallSchema]).rest(z.union([BlockRefSchema, z.record(z.string(), z.unknown())])), 3),
  ),
  eth_estimateGas: read(upTo(z.tuple([CallSchema]).rest(BlockRefSchema), 2)),
  eth_feeHistory: read(
    z.tuple([QuantitySchema, BlockTagSchema, z.array(z.number().min(0).max(100)).max(100)]),
  ),
  eth_getTransactionReceipt: read(z.tuple([Hash32Schema])),
  eth_getTransactionByHash: read(z.tuple([Hash32Schema])),
  eth_getBlockByNumber: read(z.tuple([BlockTagSchema, z.boolean()])),
  eth_getBlockByHash: read(z.tuple([Hash32Schema, z.boolean()])),
  eth_getLogs: read(z.tuple([FilterSchema])),
} as const satisfies Record<string, RpcMethod>;

export type ReadMethod = keyof typeof READ_METHODS;
