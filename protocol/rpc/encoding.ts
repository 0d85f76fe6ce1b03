import type { Address, Hex } from "viem";
import * as z from "zod";
import "../zodConfig.js";

/**
 * The JSON-RPC value encodings method params use: EIP-1474 quantities and data, strict objects,
 * bounded sizes. https://eips.ethereum.org/EIPS/eip-1474#value-encoding
 */

/** A quantity: 0x-prefixed, no leading zeros ("0x0" for zero), at most 32 bytes. */
export const QuantitySchema = z
  .string()
  .regex(/^0x(0|[1-9a-fA-F][0-9a-fA-F]{0,63})$/, "invalid quantity")
  .transform((s) => s as Hex);
/** Unformatted data: 0x-prefixed, an even number of hex digits. */
export const DataSchema = z
  .string()
  .max(2 * 1024 * 1024)
  .regex(/^0x([0-9a-fA-F]{2})*$/, "invalid hex data")
  .transform((s) => s as Hex);
export const AddressSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "invalid address")
  .transform((s) => s as Address);
export const Hash32Schema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "invalid hash")
  .transform((s) => s as Hex);
export const BlockTagSchema = z.union([
  QuantitySchema,
  z.enum(["latest", "earliest", "pending", "safe", "finalized"]),
]);
export const BlockRefSchema = z.union([BlockTagSchema, z.object({ blockHash: Hash32Schema }).strict()]);

/** Params of a method that takes none: an empty array (or none at all on the wire). */
export const NoParamsSchema = z.tuple([], { error: "this method takes none" });

/** A tuple of required params followed by at most `max` elements in all. */
export function upTo<T extends z.ZodType>(schema: T, max: number) {
  return schema.refine((value) => (value as unknown[]).length <= max, `at most ${max} params`);
}

/** An address in an answer; the wallet writes its own in lower case. */
export const AddressResultSchema = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
/** A transaction hash in an answer, as the chain's node gave it. */
export const HashResultSchema = z.string().regex(/^0x[0-9a-fA-F]{64}$/);
/** A 65-byte secp256k1 signature, r ‖ s ‖ v. */
export const SignatureResultSchema = z.string().regex(/^0x[0-9a-fA-F]{130}$/);
