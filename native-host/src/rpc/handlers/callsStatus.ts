import * as z from "zod";
import { BatchIdSchema } from "../../../../protocol/callBatch.js";
import type { Handler } from "../Handler.js";
import { parseParams } from "../params.js";

const ParamsSchema = z.tuple([BatchIdSchema]);

/**
 * EIP-5792 `wallet_getCallsStatus`: the batch's status code and the receipts of its calls that
 * reached the chain, in chain order. Only the site that sent a batch can see it (5730 otherwise).
 * https://eips.ethereum.org/EIPS/eip-5792#wallet_getcallsstatus
 */
export const walletGetCallsStatus: Handler = async ({ origin, wallet }, params) => {
  const [id] = parseParams(ParamsSchema, params);
  return wallet.calls.status(origin, id, (chainId) => wallet.chains.get(chainId));
};

/**
 * EIP-5792 `wallet_showCallsStatus`: the host checks the batch is the site's (5730 otherwise) and
 * answers null; the background then opens the popup on it (extension/background/index.ts).
 * https://eips.ethereum.org/EIPS/eip-5792#wallet_showcallsstatus
 */
export const walletShowCallsStatus: Handler = ({ origin, wallet }, params) => {
  const [id] = parseParams(ParamsSchema, params);
  wallet.calls.require(origin, id);
  return null;
};
