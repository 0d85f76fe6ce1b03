import { type Address, decodeFunctionResult, encodeFunctionData, erc20Abi, type Hex, parseAbi } from "viem";
import { MAX_TOKEN_DECIMALS } from "../../../protocol/rpc/watchAsset.js";
import type { Chain } from "../stores/chains.js";
import { chainRequest } from "../wallet/chainClient.js";
import { tokenInfo } from "./tokenInfo.js";

/**
 * What an account holds of a token, read from the token's own contract on the chain's RPC:
 * what `wallet_watchAsset` checks before it asks, what the popup's "Add token" shows before it
 * adds, and the balances the Tokens tab lists. One reader for all three.
 */

/** An ERC-20 as its contract describes itself; a field is missing where the call failed. */
export interface OnChainToken {
  hasCode: boolean;
  name?: string;
  symbol?: string;
  decimals?: number;
  balance?: bigint;
}

const NFT_ABI = parseAbi([
  "function ownerOf(uint256 tokenId) view returns (address)",
  "function balanceOf(address owner, uint256 id) view returns (uint256)",
]);

async function call(chain: Chain, to: string, data: Hex): Promise<Hex> {
  return (await chainRequest(chain, "eth_call", [{ to, data }, "latest"])) as Hex;
}

/** `balanceOf(account)` of an ERC-20; throws when the node or the contract does not answer. */
export async function erc20Balance(chain: Chain, token: string, account: string): Promise<bigint> {
  const data = encodeFunctionData({ abi: erc20Abi, functionName: "balanceOf", args: [account as Address] });
  return decodeFunctionResult({
    abi: erc20Abi,
    functionName: "balanceOf",
    data: await call(chain, token, data),
  });
}

/**
 * The token's metadata (tokenInfo, cached per chain) and, when an account is given, its balance.
 * Each read may fail alone (a token without `name()`, a node that is down).
 */
export async function readErc20(
  chain: Chain,
  token: string,
  account: string | undefined,
): Promise<OnChainToken> {
  const [info, balance] = await Promise.all([
    tokenInfo(chain, token).catch(() => undefined),
    account ? erc20Balance(chain, token, account).catch(() => undefined) : undefined,
  ]);
  const decimals =
    info?.decimals !== undefined && info.decimals <= MAX_TOKEN_DECIMALS ? info.decimals : undefined;
  return { hasCode: info?.hasCode ?? false, name: info?.name, symbol: info?.symbol, decimals, balance };
}

/**
 * How many of NFT `id` `owner` holds: 1 or 0 for an ERC-721 (`ownerOf`), the ERC-1155 balance
 * otherwise. Throws when the contract does not answer as that standard (an ERC-721 `ownerOf`
 * reverts for a token id that does not exist).
 */
export async function nftBalance(
  chain: Chain,
  standard: "ERC721" | "ERC1155",
  token: string,
  id: bigint,
  owner: string,
): Promise<bigint> {
  if (standard === "ERC721") {
    const data = encodeFunctionData({ abi: NFT_ABI, functionName: "ownerOf", args: [id] });
    const holder = decodeFunctionResult({
      abi: NFT_ABI,
      functionName: "ownerOf",
      data: await call(chain, token, data),
    });
    return holder.toLowerCase() === owner.toLowerCase() ? 1n : 0n;
  }
  const data = encodeFunctionData({ abi: NFT_ABI, functionName: "balanceOf", args: [owner as Address, id] });
  return decodeFunctionResult({
    abi: NFT_ABI,
    functionName: "balanceOf",
    data: await call(chain, token, data),
  });
}

/** Whether `owner` holds NFT `id`; a call that fails (not such a contract, no such id) says no. */
export async function holdsNft(
  chain: Chain,
  standard: "ERC721" | "ERC1155",
  token: string,
  id: bigint,
  owner: string,
): Promise<boolean> {
  return (await nftBalance(chain, standard, token, id, owner).catch(() => 0n)) > 0n;
}
