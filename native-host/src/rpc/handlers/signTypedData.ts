import { getTypesForEIP712Domain, hashTypedData, validateTypedData } from "viem";
import * as z from "zod";
import { InvalidParamsError } from "../../../../protocol/errors.js";
import { parseJson } from "../../../../protocol/json.js";
import type { Handler } from "../Handler.js";
import { AddressSchema, Hash32Schema, parseParams } from "../params.js";
import { requirePermitted, signerAccount } from "./signer.js";

const FieldSchema = z.object({ name: z.string().min(1).max(256), type: z.string().min(1).max(256) }).strict();
const TypedDataSchema = z
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

/** Typed data sent as a JSON string: bad JSON there is bad params (-32602), not a bad request. */
function parseTypedDataJson(text: string): unknown {
  try {
    return parseJson(text);
  } catch {
    throw new InvalidParamsError("Invalid typed data: not JSON");
  }
}

const ParamsSchema = z.tuple([
  AddressSchema,
  z.union([z.string().max(1024 * 1024), z.record(z.string(), z.unknown())]),
]);

/**
 * EIP-712 typed data, v4 encoding. The domain's chainId must be the site's chain (T14), and
 * the data must hash (viem validates every type) before the user is ever asked.
 * https://eips.ethereum.org/EIPS/eip-712
 */
export const signTypedDataV4: Handler = async (ctx, params) => {
  const [address, raw] = parseParams(ParamsSchema, params);
  const from = requirePermitted(ctx, address);
  const parsed = TypedDataSchema.safeParse(typeof raw === "string" ? parseTypedDataJson(raw) : raw);
  if (!parsed.success) throw new InvalidParamsError(`Invalid typed data: ${parsed.error.issues[0]?.message}`);
  const typedData = parsed.data;
  const { origin, session, wallet } = ctx;
  const chainId = wallet.chainIdFor(origin);
  if (typedData.domain.chainId !== undefined && Number(typedData.domain.chainId) !== chainId) {
    throw new InvalidParamsError(
      `Invalid typed data: domain.chainId ${typedData.domain.chainId} does not match the site's chain ${chainId}`,
    );
  }
  const domain = {
    ...typedData.domain,
    chainId: typedData.domain.chainId === undefined ? undefined : Number(typedData.domain.chainId),
  };
  // EIP712Domain may or may not be listed; viem derives it from the domain itself.
  const { EIP712Domain: _listed, ...types } = typedData.types;
  const definition = { domain, types, primaryType: typedData.primaryType, message: typedData.message };
  try {
    validateTypedData({
      ...definition,
      types: { ...types, EIP712Domain: getTypesForEIP712Domain({ domain }) },
    } as never);
    // validateTypedData skips some values (a uint given as the string "-1"); hashing encodes
    // every field exactly as signing will, so data that cannot be signed never reaches the user.
    hashTypedData(definition as never);
  } catch (error) {
    throw new InvalidParamsError(`Invalid typed data: ${(error as Error).message.split("\n")[0]}`);
  }
  await wallet.approvals.ask(session, {
    origin,
    kind: "sign-typed-data",
    chainId,
    details: { address: from, domain, primaryType: typedData.primaryType, message: typedData.message },
  });
  return signerAccount(ctx, from).signTypedData(definition as never);
};
