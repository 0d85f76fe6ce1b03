import { recoverMessageAddress } from "viem";
import { InvalidParamsError } from "../../../../protocol/errors.js";
import type { Handler } from "../Handler.js";
import { messageBytes } from "./personalSign.js";

/**
 * `personal_ecRecover`: the address that made a `personal_sign` signature over the message
 * (read as `personal_sign` reads it), lower-case as MetaMask answers. Needs no key and no chain.
 * https://geth.ethereum.org/docs/interacting-with-geth/rpc/ns-personal#personal-ecrecover
 */
export const personalEcRecover: Handler<"personal_ecRecover"> = async (_ctx, [message, signature]) => {
  try {
    const address = await recoverMessageAddress({
      message: { raw: messageBytes(message) },
      signature,
    });
    return address.toLowerCase();
  } catch {
    throw new InvalidParamsError("Invalid params: the signature recovers to no address");
  }
};
