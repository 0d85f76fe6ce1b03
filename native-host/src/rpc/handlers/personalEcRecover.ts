import { recoverMessageAddress } from "viem";
import * as z from "zod";
import { InvalidParamsError } from "../../../../protocol/errors.js";
import type { Handler } from "../Handler.js";
import { parseParams, upTo } from "../params.js";
import { messageBytes } from "./personalSign.js";

const SignatureSchema = z.string().regex(/^0x[0-9a-fA-F]{130}$/, "invalid signature");
const ParamsSchema = upTo(z.tuple([z.string().max(2 * 1024 * 1024), SignatureSchema], z.unknown()), 3);

/**
 * `personal_ecRecover`: the address that made a `personal_sign` signature over the message
 * (read as `personal_sign` reads it), lower-case as MetaMask answers. Needs no key and no chain.
 * https://geth.ethereum.org/docs/interacting-with-geth/rpc/ns-personal#personal-ecrecover
 */
export const personalEcRecover: Handler = async (_ctx, params) => {
  const [message, signature] = parseParams(ParamsSchema, params);
  try {
    const address = await recoverMessageAddress({
      message: { raw: messageBytes(message) },
      signature: signature as `0x${string}`,
    });
    return address.toLowerCase();
  } catch {
    throw new InvalidParamsError("Invalid params: the signature recovers to no address");
  }
};
