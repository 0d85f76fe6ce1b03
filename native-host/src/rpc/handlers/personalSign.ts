import { type Hex, stringToHex } from "viem";
import * as z from "zod";
import { recordSignature } from "../../activity/recordActivity.js";
import { signedMessageSummary } from "../../activity/signedSummary.js";
import { accountNames } from "../../approvals/accountNames.js";
import { signMessageDetails } from "../../approvals/signMessageDetails.js";
import type { Handler } from "../Handler.js";
import { AddressSchema, parseParams, upTo } from "../params.js";
import { requirePermitted, signerAccount } from "./signer.js";

/** `0x` followed by whole bytes: signed as those bytes. */
const HEX_BYTES = /^0x([0-9a-fA-F]{2})*$/;
/** The same bound as any other data param, whether the message comes as hex or as text. */
const MAX_MESSAGE = 2 * 1024 * 1024;

/**
 * `[message, address]` with an optional third parameter that is ignored (web3.js sends a
 * password there, MetaMask's test dApp an example one).
 */
const ParamsSchema = upTo(z.tuple([z.string().max(MAX_MESSAGE), AddressSchema], z.unknown()), 3);
/**
 * The params in MetaMask's order. MetaMask once took `[address, message]` and still accepts it
 * when the first param is address-sized (42 characters) and the second is not; the same rule
 * here signs for the same dApps.
 * https://github.com/MetaMask/eth-json-rpc-middleware/blob/main/src/wallet.ts (personalSign)
 */
export function personalSignOrder(params: readonly unknown[]): readonly unknown[] {
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

/** The bytes a message stands for: `0x` hex as bytes, any other string as its UTF-8 text. */
export function messageBytes(message: string): Hex {
  return HEX_BYTES.test(message) ? (message as Hex) : stringToHex(message);
}

/** EIP-191 version 0x45 signature over the message. https://eips.ethereum.org/EIPS/eip-191 */
export const personalSign: Handler = async (ctx, params) => {
  const [message, address] = parseParams(ParamsSchema, personalSignOrder(params));
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
