import * as z from "zod";
import "../zodConfig.js";
import { AddressSchema, Hash32Schema, SignatureResultSchema } from "./encoding.js";
import { rpcMethod } from "./rpcMethod.js";

/**
 * The typed-data signing methods MetaMask offers, with the documents they sign. The params
 * carry the document as a JSON string or an object; the host reads it with the document's own
 * schema below, so that a bad document says "Invalid typed data".
 * https://eips.ethereum.org/EIPS/eip-712 · https://github.com/MetaMask/eth-sig-util
 */

const FieldSchema = z.object({ name: z.string().min(1).max(256), type: z.string().min(1).max(256) }).strict();

/** An EIP-712 document (v3 and v4). */
export const TypedDataSchema = z
  .object({
    types: z.record(z.string().min(1).max(256), z.array(FieldSchema).max(256)),
    primaryType: z.string().min(1).max(256),
    domain: z
      .object({
        name: z.string().max(256).optional(),
        version: z.string().max(64).optional(),
        chainId: z.union([z.number().int().nonnegative(), z.string().max(80)]).optional(),
        verifyingContract: AddressSchema.optional(),
        salt: Hash32Schema.optional(),
      })
      .strict(),
    message: z.record(z.string(), z.unknown()),
  })
  .strict();
export type TypedData = z.infer<typeof TypedDataSchema>;

// Array types are left out: eth-sig-util packs their elements tightly where Solidity's
// encodePacked pads them, and no dApp signs arrays with this draft.
const TypedDataV1EntrySchema = z
  .object({
    type: z
      .string()
      .min(1)
      .max(256)
      .regex(/^[a-z0-9]+$/, "unsupported type"),
    name: z.string().min(1).max(256),
    value: z.unknown(),
  })
  .strict();

/**
 * A document of the pre-EIP-712 draft (`eth_signTypedData`, "v1"): `{ type, name, value }`
 * entries with distinct names, so the window can show every field under its own name.
 */
export const TypedDataV1Schema = z
  .array(TypedDataV1EntrySchema)
  .min(1)
  .max(256)
  .refine((entries) => new Set(entries.map((e) => e.name)).size === entries.length, "duplicate field names");

/** `[address, typedData]`. */
const V3V4ParamsSchema = z.tuple([
  AddressSchema,
  z.union([z.string().max(1024 * 1024), z.record(z.string(), z.unknown())]),
]);

/** v1: `[[{ type, name, value }…], address]`, the document first. */
export const ethSignTypedData = rpcMethod({
  params: z.tuple([z.union([z.string().max(1024 * 1024), z.array(z.unknown()).max(256)]), AddressSchema]),
  result: SignatureResultSchema,
});

/** EIP-712, v3 encoding (no arrays). */
export const ethSignTypedDataV3 = rpcMethod({
  params: V3V4ParamsSchema,
  result: SignatureResultSchema,
});

/** EIP-712, v4 encoding (arrays and recursive structs). */
export const ethSignTypedDataV4 = rpcMethod({
  params: V3V4ParamsSchema,
  result: SignatureResultSchema,
});
