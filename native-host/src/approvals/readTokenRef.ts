import { decodeFunctionResult, encodeFunctionData, erc20Abi, type Hex, parseAbi } from "viem";
import type { TokenRef } from "../../../protocol/approvalDetails.js";
import type { Chain } from "../stores/chains.js";
import { chainRequest } from "../wallet/chainClient.js";

/** What the simulation needs to name a token: read from the token's own contract. */
export type TokenReader = (chain: Chain, address: string) => Promise<TokenRef>;

/** Tokens remembered across approvals; the oldest goes first. */
const MAX_CACHED = 512;
const cache = new Map<string, Promise<TokenRef>>();

const nameAbi = parseAbi(["function name() view returns (string)"]);
/** Printable, bounded: a token's own contract chooses these strings. */
const clean = (text: string, max: number) =>
  text
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .trim()
    .slice(0, max) || undefined;

async function call(chain: Chain, to: string, data: Hex): Promise<Hex | undefined> {
  try {
    return (await chainRequest(chain, "eth_call", [{ to, data }, "latest"])) as Hex;
  } catch {
    return undefined;
  }
}

async function read(chain: Chain, address: string): Promise<TokenRef> {
  const [name, symbol, decimals] = await Promise.all([
    call(chain, address, encodeFunctionData({ abi: nameAbi, functionName: "name" })),
    call(chain, address, encodeFunctionData({ abi: erc20Abi, functionName: "symbol" })),
    call(chain, address, encodeFunctionData({ abi: erc20Abi, functionName: "decimals" })),
  ]);
  const token: TokenRef = { address };
  try {
    if (name)
      token.name = clean(decodeFunctionResult({ abi: nameAbi, functionName: "name", data: name }), 128);
  } catch {}
  try {
    if (symbol)
      token.symbol = clean(decodeFunctionResult({ abi: erc20Abi, functionName: "symbol", data: symbol }), 32);
  } catch {}
  try {
    if (decimals) {
      const value = decodeFunctionResult({ abi: erc20Abi, functionName: "decimals", data: decimals });
      token.decimals = value;
    }
  } catch {}
  for (const key of ["name", "symbol"] as const) if (token[key] === undefined) delete token[key];
  return token;
}

/**
 * Name, symbol and decimals from the token's contract on the chain's own RPC, cached per chain
 * and endpoint (what one node said is not what another would). A read that fails leaves the
 * field out; the amount is then shown in base units.
 */
export const readTokenRef: TokenReader = (chain, address) => {
  const key = `${chain.chainId} ${chain.rpcUrls[0]} ${address.toLowerCase()}`;
  let found = cache.get(key);
  if (found) {
    cache.delete(key);
  } else {
    found = read(chain, address);
    // A failed read is not remembered: the node may answer next time.
    found.catch(() => cache.delete(key));
  }
  cache.set(key, found);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return found;
};
