import type { Handler } from "../Handler.js";

/**
 * EIP-5792 `wallet_getCallsStatus`: the batch's status code and the receipts of its calls that
 * reached the chain, in chain order. Only the site that sent a batch can see it (5730 otherwise).
 * https://eips.ethereum.org/EIPS/eip-5792#wallet_getcallsstatus
 */
export const walletGetCallsStatus: Handler<"wallet_getCallsStatus"> = ({ origin, wallet }, [id]) => {
  return wallet.calls.status(origin, id, (chainId) => wallet.chains.get(chainId));
};

/**
 * EIP-5792 `wallet_showCallsStatus`: the host checks the batch is the site's (5730 otherwise) and
 * answers null; the background then opens the popup on it (extension/background/index.ts).
 * https://eips.ethereum.org/EIPS/eip-5792#wallet_showcallsstatus
 */
export const walletShowCallsStatus: Handler<"wallet_showCallsStatus"> = ({ origin, wallet }, [id]) => {
  wallet.calls.require(origin, id);
  return null;
};
