import type { Address, Hex } from "viem";
import * as z from "zod";
import { InvalidParamsError } from "../../../protocol/errors.js";

/**
 * Parameter schemas shared by the handlers: EIP-1474 encodings, strict objects, bounded sizes.
 * https://eips.ethereum.org/EIPS/eip-1474#value-encoding
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

/** A tuple of required params followed by at most `max` elements in all. */
export function upTo<T extends z.ZodType>(schema: T, max: number) {
  return schema.refine((value) => (value as unknown[]).length <= max, `at most ${max} params`);
}

/** Parses `params` or throws -32602 naming the first problem. */
export function parseParams<S extends z.ZodType>(schema: S, params: readonly unknown[]): z.infer<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at params.${issue.path.join(".")}` : "";
    throw new InvalidParamsError(`Invalid params${where}: ${issue?.message ?? "malformed"}`);
  }
  return parsed.data;
}

export function noParams(params: readonly unknown[]): void {
  if (params.length > 0) throw new InvalidParamsError("Invalid params: this method takes none");
}
