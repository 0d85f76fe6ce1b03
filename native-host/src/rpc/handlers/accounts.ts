import * as z from "zod";
import { InvalidParamsError, UnauthorizedError } from "../../../../protocol/errors.js";
import { siteHost, siteWarnings } from "../../approvals/siteWarnings.js";
import type { Handler, RequestContext } from "../Handler.js";
import { noParams, parseParams } from "../params.js";

/** `eth_accounts`: the accounts this origin may see; [] when not connected or locked. */
export const ethAccounts: Handler = ({ origin, wallet }, params) => {
  noParams(params);
  return wallet.accountsFor(origin);
};

/**
 * Connects the origin through an approval (or, when already connected but locked, an unlock),
 * then returns its accounts. https://eips.ethereum.org/EIPS/eip-1102
 */
export const ethRequestAccounts: Handler = async (ctx, params) => {
  noParams(params);
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

const PermissionRequestSchema = z.tuple([z.object({ eth_accounts: z.object({}).strict() }).strict()]);

/** The EIP-2255 permission object for `eth_accounts`. https://eips.ethereum.org/EIPS/eip-2255 */
function permissionsOf({ origin, wallet }: RequestContext): unknown[] {
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

export const walletRequestPermissions: Handler = async (ctx, params) => {
  parseParams(PermissionRequestSchema, params);
  await connect(ctx, true);
  return permissionsOf(ctx);
};

export const walletGetPermissions: Handler = (ctx, params) => {
  noParams(params);
  return permissionsOf(ctx);
};

/** EIP-2255 revoke (as MetaMask ships it): `[{ eth_accounts: {} }]` disconnects the site. */
export const walletRevokePermissions: Handler = ({ origin, wallet }, params) => {
  const parsed = PermissionRequestSchema.safeParse(params);
  if (!parsed.success) throw new InvalidParamsError("Invalid params: expected [{ eth_accounts: {} }]");
  wallet.revoke(origin);
  return null;
};
