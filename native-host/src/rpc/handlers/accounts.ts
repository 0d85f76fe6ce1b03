import { UnauthorizedError } from "../../../../protocol/errors.js";
import type { RpcResult } from "../../../../protocol/rpc/rpcMethods.js";
import { siteHost, siteWarnings } from "../../approvals/siteWarnings.js";
import type { Handler, RequestContext } from "../Handler.js";

/** `eth_accounts`: the accounts this origin may see; [] when not connected or locked. */
export const ethAccounts: Handler<"eth_accounts"> = ({ origin, wallet }) => {
  return wallet.accountsFor(origin);
};

/**
 * Connects the origin through an approval (or, when already connected but locked, an unlock),
 * then returns its accounts. https://eips.ethereum.org/EIPS/eip-1102
 */
export const ethRequestAccounts: Handler<"eth_requestAccounts"> = async (ctx) => {
  await connect(ctx);
  return ctx.wallet.accountsFor(ctx.origin);
};

/**
 * `ask` says whether a connected site still gets the window: `eth_requestAccounts` answers a
 * connected site at once, but `wallet_requestPermissions` asks again, as MetaMask does (a dApp's
 * "change accounts" button is that request).
 */
async function connect({ origin, session, wallet }: RequestContext, ask = false): Promise<void> {
  const vault = wallet.vault();
  if (!vault) throw new UnauthorizedError("No wallet yet: create one with `vaughan-host init`");
  const chainId = wallet.chainIdFor(origin);
  const granted = wallet.sites.permittedAccounts(origin);
  if (granted.length > 0 && !ask) {
    if (wallet.locked) await wallet.approvals.ask(session, { origin, kind: "unlock", chainId, details: {} });
    if (wallet.locked) throw new UnauthorizedError("The wallet is locked");
    return;
  }
  // Hidden accounts are never offered to a site.
  const accounts = wallet.shownAccounts();
  const selected = wallet.selectedAddress() ?? null;
  const offered = accounts.find((a) => a.address.toLowerCase() === selected?.toLowerCase()) ?? accounts[0];
  const outcome = await wallet.approvals.ask(session, {
    origin,
    kind: "connect",
    chainId,
    details: {
      summary: `Connect ${offered?.name ?? "your account"} to ${siteHost(origin)}`,
      warnings: siteWarnings(origin),
      accounts: accounts.map(({ address, name }) => ({ address, name })),
      selected,
    },
  });
  if (wallet.locked) throw new UnauthorizedError("The wallet is locked");
  const known = new Set(wallet.shownAccounts().map((a) => a.address.toLowerCase()));
  const chosen = (outcome.accounts ?? [wallet.selectedAddress() ?? ""])
    .map((a) => a.toLowerCase())
    .filter((a) => known.has(a));
  if (chosen.length === 0) throw new UnauthorizedError("No account was chosen");
  const before = wallet.accountsFor(origin);
  wallet.sites.grant(origin, chosen);
  const after = wallet.accountsFor(origin);
  if (before.join() !== after.join()) wallet.emit(origin, "accountsChanged", after);
}

/** The EIP-2255 permission object for `eth_accounts`. https://eips.ethereum.org/EIPS/eip-2255 */
function permissionsOf({ origin, wallet }: RequestContext): RpcResult<"wallet_getPermissions"> {
  const site = wallet.sites.get(origin);
  if (!site || site.accounts.length === 0) return [];
  return [
    {
      invoker: origin,
      parentCapability: "eth_accounts",
      date: site.connectedAt ?? 0,
      caveats: [{ type: "restrictReturnedAccounts", value: site.accounts }],
    },
  ];
}

export const walletRequestPermissions: Handler<"wallet_requestPermissions"> = async (ctx) => {
  await connect(ctx, true);
  return permissionsOf(ctx);
};

export const walletGetPermissions: Handler<"wallet_getPermissions"> = (ctx) => permissionsOf(ctx);

/** EIP-2255 revoke (as MetaMask ships it): `[{ eth_accounts: {} }]` disconnects the site. */
export const walletRevokePermissions: Handler<"wallet_revokePermissions"> = ({ origin, wallet }) => {
  wallet.revoke(origin);
  return null;
};
