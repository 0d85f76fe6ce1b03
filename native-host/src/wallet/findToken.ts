import { getAddress } from "viem";
import { InvalidParamsError, UnauthorizedError } from "../../../protocol/errors.js";
import { MAX_TOKEN_DECIMALS } from "../../../protocol/rpc/watchAsset.js";
import type { TokenFound, TokenToAdd } from "../../../protocol/ui.js";
import { shortAddress, tokenLabel } from "../approvals/formatting.js";
import { erc20Balance, nftBalance } from "../approvals/tokenHoldings.js";
import { tokenInfo } from "../approvals/tokenInfo.js";
import type { Chain } from "../stores/chains.js";
import type { Wallet } from "./Wallet.js";

/** The token list's bound on a symbol; a longer one is cut (the name is shown beside it). */
const MAX_SYMBOL = 11;

/**
 * The popup's "Add token": what the contract at `address` on the chain says it is (tokenInfo,
 * the reader `wallet_watchAsset` and the approval window use) and what the selected account
 * holds of it. Nothing the popup says about the token is taken: only the address, the chain
 * and an NFT's id. A contract that is not there, or not a token, or an NFT the account does
 * not hold is refused in words that say what to check.
 */
export async function findToken(wallet: Wallet, request: TokenToAdd): Promise<TokenFound> {
  const chain = wallet.chains.get(request.chainId);
  if (!chain) throw new InvalidParamsError(`Chain ${request.chainId} is not configured`);
  const owner = wallet.selectedAddress();
  if (!owner) throw new UnauthorizedError("No wallet yet: create one with `vaughan-host init`");
  // An unreachable node throws here, in the chain client's words.
  const info = await tokenInfo(chain, request.address);
  const at = `${shortAddress(info.address)} on ${chain.name}`;
  if (!info.hasCode) {
    throw new InvalidParamsError(
      `There is no contract at ${at}. Check the address, and that the token is on ${chain.name} and not on another network.`,
    );
  }
  if (info.standard === undefined) {
    throw new InvalidParamsError(
      `The contract at ${at} is not a token: it answers neither as an ERC-20 nor as an ERC-721 or ERC-1155.`,
    );
  }
  const common = { address: info.address, ...(info.name ? { name: info.name } : {}) };
  if (info.standard === "erc20") {
    if (request.tokenId !== undefined)
      throw new InvalidParamsError(`${tokenLabel(info)} is an ERC-20 token: leave the token ID empty.`);
    if (!info.symbol)
      throw new InvalidParamsError(`The token at ${at} does not say its symbol, so it cannot be listed.`);
    if (info.decimals === undefined || info.decimals > MAX_TOKEN_DECIMALS)
      throw new InvalidParamsError(`The token at ${at} gives no decimals the wallet can show.`);
    const balance = await erc20Balance(chain, info.address, owner).catch(() => undefined);
    return {
      ...common,
      standard: "erc20",
      symbol: info.symbol.slice(0, MAX_SYMBOL),
      decimals: info.decimals,
      balance: balance === undefined ? null : balance.toString(),
      watched: isWatched(wallet, chain, info.address),
    };
  }
  const kind = info.standard === "erc721" ? "ERC-721" : "ERC-1155";
  const label = tokenLabel(info);
  if (request.tokenId === undefined)
    throw new InvalidParamsError(`${label} is an ${kind} collection: enter the ID of the token you hold.`);
  const standard = info.standard === "erc721" ? "ERC721" : "ERC1155";
  const held = await nftBalance(chain, standard, info.address, BigInt(request.tokenId), owner).catch(
    () => 0n,
  );
  if (held === 0n)
    throw new InvalidParamsError(
      `The selected account does not hold ${label} #${request.tokenId} on ${chain.name}.`,
    );
  return {
    ...common,
    standard: info.standard,
    symbol: (info.symbol ?? "NFT").slice(0, MAX_SYMBOL),
    decimals: 0,
    tokenId: request.tokenId,
    balance: held.toString(),
    watched: isWatched(wallet, chain, info.address, request.tokenId),
  };
}

/** Finds the token again, with every check, and adds it to the watched tokens of its chain. */
export async function addToken(wallet: Wallet, request: TokenToAdd): Promise<TokenFound> {
  const found = await findToken(wallet, request);
  const chainId = request.chainId;
  if (found.standard === "erc20") {
    wallet.assets.add({ chainId, address: found.address, symbol: found.symbol, decimals: found.decimals });
  } else {
    const standard = found.standard === "erc721" ? "ERC721" : "ERC1155";
    wallet.assets.addNft({ chainId, address: found.address, standard, tokenId: found.tokenId as string });
  }
  return { ...found, watched: true };
}

function isWatched(wallet: Wallet, chain: Chain, address: string, tokenId?: string): boolean {
  const same = (a: { chainId: number; address: string }) =>
    a.chainId === chain.chainId && getAddress(a.address) === getAddress(address);
  return tokenId === undefined
    ? wallet.assets.list().some(same)
    : wallet.assets.listNfts().some((n) => same(n) && n.tokenId === tokenId);
}
