import { type Hex, stringToHex } from "viem";
import { recordSignature } from "../../activity/recordActivity.js";
import { signedMessageSummary } from "../../activity/signedSummary.js";
import { accountNames } from "../../approvals/accountNames.js";
import { signMessageDetails } from "../../approvals/signMessageDetails.js";
import type { Handler } from "../Handler.js";
import { requirePermitted, signerAccount } from "./signer.js";

/** `0x` followed by whole bytes: signed as those bytes. */
const HEX_BYTES = /^0x([0-9a-fA-F]{2})*$/;
/** The bytes a message stands for: `0x` hex as bytes, any other string as its UTF-8 text. */
export function messageBytes(message: string): Hex {
  return HEX_BYTES.test(message) ? (message as Hex) : stringToHex(message);
}

/** EIP-191 version 0x45 signature over the message. https://eips.ethereum.org/EIPS/eip-191 */
export const personalSign: Handler<"personal_sign"> = async (ctx, [message, address]) => {
  const from = requirePermitted(ctx, address);
  const data = messageBytes(message);
  const { origin, session, wallet } = ctx;
  const chainId = wallet.chainIdFor(origin);
  const details = signMessageDetails({ data, signer: from, origin, chainId, nameOf: accountNames(wallet) });
  await wallet.approvals.ask(session, { origin, kind: "sign-message", chainId, details });
  const signature = await signerAccount(ctx, from).signMessage({ message: { raw: data } });
  recordSignature(wallet, { chainId, account: from, origin, summary: signedMessageSummary(details) });
  return signature;
};
