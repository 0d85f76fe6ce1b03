import type { TokenRef } from "../../../protocol/approvalDetails.js";
import type { Chain } from "../stores/chains.js";
import { chainRequest } from "../wallet/chainClient.js";
import { tokenRef } from "./tokenInfo.js";

/** What the signature builders ask the site's chain: its own node, never a third party. */
export interface ChainReads {
  /** The token as its contract describes itself; only the address when it says nothing. */
  token(address: string): Promise<TokenRef>;
  /** Whether code lives at `address`; undefined when the chain could not be asked. */
  hasCode(address: string): Promise<boolean | undefined>;
  /** Seconds since 1970, for deadlines. */
  now(): number;
}

/** The reads over the chain's own RPC. */
export function chainReads(chain: Chain): ChainReads {
  return {
    token: (address) => tokenRef(chain, address),
    async hasCode(address) {
      try {
        const code = await chainRequest(chain, "eth_getCode", [address, "latest"]);
        return typeof code === "string" ? code !== "0x" && code !== "0x0" : undefined;
      } catch {
        return undefined;
      }
    },
    now: () => Date.now() / 1000,
  };
}
