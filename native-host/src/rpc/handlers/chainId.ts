import type { Handler } from "../Handler.js";

/** The site's current chain as an EIP-695 hex quantity, answered without touching the chain. */
export const ethChainId: Handler<"eth_chainId"> = ({ origin, wallet }) => {
  return `0x${wallet.chainIdFor(origin).toString(16)}`;
};

/** The site's chain id in decimal, as `net_version` has always returned it. */
export const netVersion: Handler<"net_version"> = ({ origin, wallet }) => {
  return String(wallet.chainIdFor(origin));
};
