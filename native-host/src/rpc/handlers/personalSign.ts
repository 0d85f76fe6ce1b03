import { hexToBytes } from "viem";
import * as z from "zod";
import type { Handler } from "../Handler.js";
import { AddressSchema, DataSchema, parseParams } from "../params.js";
import { requirePermitted, signerAccount } from "./signer.js";

const ParamsSchema = z.tuple([DataSchema, AddressSchema]);
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The message as a person should read it: text when it is printable UTF-8, else hex. */
export function readableMessage(data: `0x${string}`): { text: string } | { hex: string } {
  try {
    const text = utf8.decode(hexToBytes(data));
    // Control characters (other than newline and tab) and bidi overrides would let a message
    // hide what it says, so such a message is shown as hex.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text))
      return { hex: data };
    return { text };
  } catch {
    return { hex: data };
  }
}

/** EIP-191 version 0x45 signature over `data`. https://eips.ethereum.org/EIPS/eip-191 */
export const personalSign: Handler = async (ctx, params) => {
  const [data, address] = parseParams(ParamsSchema, params);
  const from = requirePermitted(ctx, address);
  const { origin, session, wallet } = ctx;
  await wallet.approvals.ask(session, {
    origin,
    kind: "sign-message",
    chainId: wallet.chainIdFor(origin),
    details: { address: from, message: readableMessage(data as `0x${string}`) },
  });
  return signerAccount(ctx, from).signMessage({ message: { raw: data as `0x${string}` } });
};
