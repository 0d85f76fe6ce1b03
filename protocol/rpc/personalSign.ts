import type { Hex } from "viem";
import * as z from "zod";
import "../zodConfig.js";
import { AddressResultSchema, AddressSchema, SignatureResultSchema, upTo } from "./encoding.js";
import { rpcMethod } from "./rpcMethod.js";

/** The same bound as any other data param, whether the message comes as hex or as text. */
const MAX_MESSAGE = 2 * 1024 * 1024;

/**
 * The params in MetaMask's order. MetaMask once took `[address, message]` and still accepts it
 * when the first param is address-sized (42 characters) and the second is not; the same rule
 * here signs for the same dApps.
 * https://github.com/MetaMask/eth-json-rpc-middleware/blob/main/src/wallet.ts (personalSign)
 */
export function personalSignOrder(params: unknown): unknown {
  if (!Array.isArray(params)) return params;
  const [first, second, ...rest] = params;
  if (
    typeof first === "string" &&
    typeof second === "string" &&
    first.length === 42 &&
    second.length !== 42
  ) {
    return [second, first, ...rest];
  }
  return params;
}

/**
 * EIP-191 version 0x45: `[message, address]` (either order, as above), with an optional third
 * parameter that is ignored (web3.js sends a password there, MetaMask's test dApp an example one).
 * The message is `0x` hex bytes or UTF-8 text. https://eips.ethereum.org/EIPS/eip-191
 */
export const personalSign = rpcMethod({
  params: z.preprocess(
    personalSignOrder,
    upTo(z.tuple([z.string().max(MAX_MESSAGE), AddressSchema], z.unknown()), 3),
  ),
  result: SignatureResultSchema,
});

/**
 * `[message, signature]`: the address that made a `personal_sign` signature, lower-case as
 * MetaMask answers. https://geth.ethereum.org/docs/interacting-with-geth/rpc/ns-personal#personal-ecrecover
 */
export const personalEcRecover = rpcMethod({
  params: upTo(
    z.tuple(
      [
        z.string().max(MAX_MESSAGE),
        z
          .string()
          .regex(/^0x[0-9a-fA-F]{130}$/, "invalid signature")
          .transform((s) => s as Hex),
      ],
      z.unknown(),
    ),
    3,
  ),
  result: AddressResultSchema,
});

/** `eth_sign` signs an arbitrary hash, the classic blind-signing phishing tool: always refused. */
export const ethSign = rpcMethod({
  params: z.array(z.unknown()),
  result: z.never(),
});
