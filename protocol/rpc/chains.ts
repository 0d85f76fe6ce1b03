import * as z from "zod";
import "../zodConfig.js";
import { isAllowedExplorerUrl, isAllowedRpcUrl } from "../chainUrls.js";
import { rpcMethod } from "./rpcMethod.js";

/** EIP-3085 chain ids: unpadded, non-zero hex, at most 2^53 − 1 so every wallet agrees on it. */
const ChainIdSchema = z
  .string()
  .regex(/^0x[1-9a-fA-F][0-9a-fA-F]*$/, "chainId must be an unpadded, non-zero hex string")
  .refine((s) => s.length <= 16 && Number(s) <= Number.MAX_SAFE_INTEGER, "chainId is above 2^53 - 1");

/** https everywhere; plain http only to this machine (a devnet). */
const RpcUrlSchema = z
  .string()
  .max(2048)
  .refine(isAllowedRpcUrl, "rpcUrls must be https (or http to a loopback address)");

/**
 * https://eips.ethereum.org/EIPS/eip-3326 — 4902 when the wallet does not know the chain.
 */
export const walletSwitchEthereumChain = rpcMethod({
  params: z.tuple([z.object({ chainId: ChainIdSchema }).strict()]),
  result: z.null(),
});

/**
 * https://eips.ethereum.org/EIPS/eip-3085 — the network a site proposes. Its endpoint is not
 * contacted before the person approves; only the first RPC URL is kept.
 */
export const walletAddEthereumChain = rpcMethod({
  params: z.tuple([
    z
      .object({
        chainId: ChainIdSchema,
        chainName: z.string().min(1).max(128),
        nativeCurrency: z
          .object({
            name: z.string().min(1).max(64),
            symbol: z.string().min(2).max(6),
            decimals: z.literal(18),
          })
          .strict(),
        rpcUrls: z.array(RpcUrlSchema).min(1).max(8),
        blockExplorerUrls: z
          .array(z.string().max(2048).refine(isAllowedExplorerUrl, "blockExplorerUrls must be https"))
          .max(8)
          .nullable()
          .optional(),
        iconUrls: z.array(z.string().url().max(2048)).max(8).nullable().optional(),
      })
      .strict(),
  ]),
  result: z.null(),
});
