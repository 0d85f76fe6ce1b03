import { decodeFunctionResult, encodeFunctionData, erc20Abi, getAddress, type Hex } from "viem";
import type { TokenRef } from "../../../protocol/approvalDetails.js";
import type { Chain } from "../stores/chains.js";
import { chainRequest } from "../wallet/chainClient.js";
import { clip, visible } from "./typedDataView.js";

/** What the signature builders ask the site's chain: its own node, never a third party. */
export interface ChainReads {
  /** The token as its contract describes itself; only the address when it says nothing. */
  token(address: string): Promise<TokenRef>;
  /** Whether code lives at `address`; undefined when the chain could not be asked. */
  hasCode(address: string): Promise<boolean | undefined>;
  /** Seconds since 1970, for deadlines. */
  now(): number;
}

/** Tokens read so far, per chain and RPC endpoint; the oldest goes first past the bound. */
const tokens = new Map<string, TokenRef>();
const MAX_TOKENS = 1024;

async function call(chain: Chain, to: string, name: "decimals" | "symbol" | "name"): Promise<unknown> {
  try {
    const data = encodeFunctionData({ abi: erc20Abi, functionName: name });
    const result = (await chainRequest(chain, "eth_call", [{ to, data }, "latest"])) as Hex;
    return decodeFunctionResult({ abi: erc20Abi, functionName: name, data: result });
  } catch {
    return undefined;
  }
}

/**
 * name/symbol/decimals from the token's own contract, cached per chain. A token that answers
 * `decimals()` is taken for an ERC-20. Text from the contract is shown with its hiding
 * characters escaped, as any other text from outside.
 */
export async function readToken(chain: Chain, address: string): Promise<TokenRef> {
  const checksummed = getAddress(address.toLowerCase());
  const key = `${chain.chainId}:${chain.rpcUrls[0]}:${checksummed}`;
  const cached = tokens.get(key);
  if (cached) return cached;
  const [decimals, symbol, name] = await Promise.all([
    call(chain, checksummed, "decimals"),
    call(chain, checksummed, "symbol"),
    call(chain, checksummed, "name"),
  ]);
  const token: TokenRef = { address: checksummed };
  if (typeof decimals === "number" && decimals <= 255) {
    token.decimals = decimals;
    token.standard = "erc20";
  }
  if (typeof symbol === "string" && symbol.length > 0) token.symbol = clip(visible(symbol), 32);
  if (typeof name === "string" && name.length > 0) token.name = clip(visible(name), 128);
  // Only a token that answered is kept: one read while the node was down is read again.
  if (token.decimals !== undefined) {
    tokens.set(key, token);
    if (tokens.size > MAX_TOKENS) tokens.delete(tokens.keys().next().value as string);
  }
  return token;
}

/** The reads over the chain's own RPC. */
export function chainReads(chain: Chain): ChainReads {
  return {
    token: (address) => readToken(chain, address),
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
