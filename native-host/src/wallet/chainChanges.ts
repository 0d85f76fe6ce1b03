import { InvalidParamsError, UnrecognizedChainError } from "../../../protocol/errors.js";
import type { ChainStore } from "../stores/chains.js";
import type { SiteStore } from "../stores/sites.js";

/** Connected sites whose chain is `chainId`, explicitly or by following the default. */
export function connectedSitesOn(chains: ChainStore, sites: SiteStore, chainId: number): string[] {
  return sites
    .all()
    .filter(([, site]) => {
      if (site.accounts.length === 0) return false;
      const own =
        site.chainId !== undefined && chains.get(site.chainId) ? site.chainId : chains.defaultChainId;
      return own === chainId;
    })
    .map(([origin]) => origin);
}

/**
 * Makes `chainId` the default (the chain a newly connected site starts on). A connected site
 * that followed the old default is pinned to it first, so a new default never moves a site a
 * dApp is using without the dApp hearing of it. The daemon (the Networks screen) and the CLI
 * (`chains default`) both change the default only through here.
 */
export function pinSitesAndSetDefault(chains: ChainStore, sites: SiteStore, chainId: number): void {
  if (!chains.get(chainId)) throw new UnrecognizedChainError(`Unknown chain ${chainId}: add it first`);
  const old = chains.defaultChainId;
  if (old === chainId) return;
  for (const [origin, site] of sites.all()) {
    const follows = site.chainId === undefined || !chains.get(site.chainId);
    if (site.accounts.length > 0 && follows) sites.setChain(origin, old);
  }
  chains.setDefault(chainId);
}

/**
 * Removes a chain, refusing the default and any chain a connected site is on: switching a site
 * to another chain is the site's or the person's choice (revoke it, or let it switch), never a
 * side effect of tidying the list.
 */
export function removeChainChecked(chains: ChainStore, sites: SiteStore, chainId: number): void {
  if (!chains.get(chainId)) throw new UnrecognizedChainError(`Unknown chain ${chainId}`);
  if (chains.defaultChainId === chainId)
    throw new InvalidParamsError(`Chain ${chainId} is the default: choose another default first`);
  const on = connectedSitesOn(chains, sites, chainId);
  if (on.length > 0) {
    const names = on.slice(0, 3).join(", ") + (on.length > 3 ? ` and ${on.length - 3} more` : "");
    throw new InvalidParamsError(
      `Chain ${chainId} is in use by ${names}: disconnect ${on.length === 1 ? "it" : "them"} or switch chains there first`,
    );
  }
  chains.remove(chainId);
}
