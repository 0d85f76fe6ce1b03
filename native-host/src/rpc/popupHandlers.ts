import { InvalidParamsError, ProviderRpcError } from "../../../protocol/errors.js";
import type { UiParams, UiResult } from "../../../protocol/ui.js";
import { quantity } from "../activity/recordActivity.js";
import { replaceTransaction } from "../activity/replaceTransaction.js";
import { erc20Balance, nftBalance } from "../approvals/tokenHoldings.js";
import { tokenInfo } from "../approvals/tokenInfo.js";
import type { Chain } from "../stores/chains.js";
import { chainRequest } from "../wallet/chainClient.js";
import { addToken, findToken } from "../wallet/findToken.js";
import type { Session } from "../wallet/Session.js";
import type { Wallet } from "../wallet/Wallet.js";

/**
 * The toolbar popup's calls: its chain, balances, watched tokens and adding one, activity,
 * speed-up and cancel. Every balance comes from the chain's own RPC, never a third party. Part of the
 * `UI_HANDLERS` table (uiHandlers.ts), which parses their params first.
 */

type PopupMethod =
  | "vaughan_popupChain"
  | "vaughan_balance"
  | "vaughan_tokens"
  | "vaughan_findToken"
  | "vaughan_addToken"
  | "vaughan_activity"
  | "vaughan_speedUp"
  | "vaughan_cancel";

type PopupHandlers = {
  [M in PopupMethod]: (
    wallet: Wallet,
    params: UiParams<M>,
    session: Session,
  ) => UiResult<M> | Promise<UiResult<M>>;
};

function configuredChain(wallet: Wallet, chainId: number): Chain {
  const chain = wallet.chains.get(chainId);
  if (!chain) throw new InvalidParamsError(`Chain ${chainId} is not configured`);
  return chain;
}

/** The chain's explorer page for a transaction, only when the chain has an explorer configured. */
function explorerLink(chain: Chain, hash: string | undefined): string | undefined {
  const base = chain.blockExplorerUrls[0];
  return base && hash ? `${base.replace(/\/+$/, "")}/tx/${hash}` : undefined;
}

/** A failed read in words for the row that shows it. */
function reason(error: unknown): string {
  return error instanceof ProviderRpcError ? error.message.slice(0, 300) : "The network did not answer";
}

export const POPUP_HANDLERS: PopupHandlers = {
  vaughan_popupChain: (wallet, [origin]) => {
    const connected = origin !== null && wallet.sites.permittedAccounts(origin).length > 0;
    const chain = wallet.chains.get(connected ? wallet.chainIdFor(origin) : wallet.chains.defaultChainId);
    if (!chain)
      throw new InvalidParamsError("No chain is configured: add one with `vaughan-host chains add`");
    const { chainId, name, symbol, decimals } = chain;
    return { chainId, name, symbol, decimals, site: connected ? origin : null };
  },
  vaughan_balance: async (wallet, [chainId, address]) => {
    const wei = await chainRequest(configuredChain(wallet, chainId), "eth_getBalance", [address, "latest"]);
    return { wei: quantity(wei).toString() };
  },
  vaughan_tokens: async (wallet, [chainId, address]) => {
    const chain = configuredChain(wallet, chainId);
    const tokens = wallet.assets.list().filter((a) => a.chainId === chainId);
    const nfts = wallet.assets.listNfts().filter((n) => n.chainId === chainId);
    const fungible = Promise.all(
      tokens.map(async (token) => {
        const base = { address: token.address.toLowerCase(), symbol: token.symbol, decimals: token.decimals };
        try {
          return { ...base, balance: (await erc20Balance(chain, token.address, address)).toString() };
        } catch (error) {
          return { ...base, balance: null, error: reason(error) };
        }
      }),
    );
    // Each NFT named as its contract names itself (cached per chain), with what the account holds now.
    const collectibles = Promise.all(
      nfts.map(async (nft) => {
        const info = await tokenInfo(chain, nft.address).catch(() => undefined);
        const base = {
          address: nft.address.toLowerCase(),
          symbol: (info?.symbol ?? "NFT").slice(0, 11),
          decimals: 0,
          standard: nft.standard === "ERC721" ? ("erc721" as const) : ("erc1155" as const),
          tokenId: nft.tokenId,
          ...(info?.name ? { name: info.name } : {}),
        };
        try {
          const held = await nftBalance(chain, nft.standard, nft.address, BigInt(nft.tokenId), address);
          return { ...base, balance: held.toString() };
        } catch (error) {
          return { ...base, balance: null, error: reason(error) };
        }
      }),
    );
    return [...(await fungible), ...(await collectibles)];
  },
  vaughan_findToken: (wallet, [request]) => findToken(wallet, request),
  vaughan_addToken: (wallet, [request]) => addToken(wallet, request),
  vaughan_activity: async (wallet, [chainId, address]) => {
    const chain = configuredChain(wallet, chainId);
    await wallet.follower.refresh(chainId, address);
    return wallet.activity
      .list(chainId, address)
      .map((entry) => ({ ...entry, explorerUrl: explorerLink(chain, entry.hash) }));
  },
  vaughan_speedUp: (wallet, [chainId, hash], session) =>
    replaceTransaction(wallet, session, chainId, hash, "speed-up"),
  vaughan_cancel: (wallet, [chainId, hash], session) =>
    replaceTransaction(wallet, session, chainId, hash, "cancel"),
};
