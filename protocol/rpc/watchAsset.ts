import * as z from "zod";
import "../zodConfig.js";
import { AddressSchema } from "./encoding.js";
import { rpcMethod } from "./rpcMethod.js";

/** The wallet's token list holds at most 36 decimals, as MetaMask's does. */
export const MAX_TOKEN_DECIMALS = 36;

const Erc20Schema = z
  .object({
    type: z.literal("ERC20"),
    options: z
      .object({
        address: AddressSchema,
        symbol: z.string().min(1).max(11),
        // MetaMask takes decimals as a number or a decimal string ("18", as some dApps send it).
        decimals: z
          .union([
            z.number(),
            z
              .string()
              .regex(/^\d{1,2}$/, "invalid decimals")
              .transform(Number),
          ])
          .pipe(z.number().int().min(0).max(MAX_TOKEN_DECIMALS)),
        image: z.string().max(2048).optional(),
      })
      .strict(),
  })
  .strict();

/** MetaMask's NFT form: the contract and a token id as a decimal string. */
const NftSchema = z
  .object({
    type: z.enum(["ERC721", "ERC1155"]),
    options: z
      .object({
        address: AddressSchema,
        tokenId: z.string().regex(/^\d{1,78}$/, "tokenId must be a decimal string"),
        image: z.string().max(2048).optional(),
        name: z.string().max(128).optional(),
        symbol: z.string().max(32).optional(),
      })
      .strict(),
  })
  .strict();

/**
 * EIP-747: an ERC-20, or (as MetaMask accepts) an ERC-721 or ERC-1155 token id. Its params are
 * the object itself, not an array; the host hands it over as the one element of one.
 * https://eips.ethereum.org/EIPS/eip-747
 */
export const walletWatchAsset = rpcMethod({
  params: z.preprocess(
    (params) => (Array.isArray(params) && params.length === 1 ? params[0] : undefined),
    z.discriminatedUnion("type", [Erc20Schema, NftSchema]),
  ),
  /** true once the person added it; a refusal is an error (4001), never false. */
  result: z.boolean(),
});
