import { InvalidParamsError, MethodNotFoundError, UnauthorizedError } from "../../../protocol/errors.js";
import { isUiMethod, UI_CALLS, type UiMethod, type UiParams, type UiResult } from "../../../protocol/ui.js";
import { delegationOf } from "../approvals/delegationOf.js";
import { WrongPasswordError } from "../vault/WrongPasswordError.js";
import type { Session } from "../wallet/Session.js";
import type { Wallet } from "../wallet/Wallet.js";
import { parseParams } from "./params.js";

/**
 * Calls from the extension's own pages (popup, options, approval window) and from the CLI.
 * Never reachable from a page: the background sends them as `ui` envelopes only for its own
 * extension pages, and the host keeps them in a table apart from the provider methods. Params
 * and results are declared in protocol/ui.ts; the params are parsed there before a handler
 * runs. As with the provider's handlers (rpc/Handler.ts), one that needs no I/O answers in the
 * same turn.
 */

/** Answered by the daemon's connection handler, which owns the per-method profile. */
type DaemonAnswered = "vaughan_health";

type UiHandlers = {
  [M in Exclude<UiMethod, DaemonAnswered>]: (
    wallet: Wallet,
    params: UiParams<M>,
    session: Session,
  ) => UiResult<M> | Promise<UiResult<M>>;
};

const UI_HANDLERS: UiHandlers = {
  vaughan_status: (wallet, _params, session) => {
    const vault = wallet.vault();
    return {
      hasVault: vault !== null,
      locked: wallet.locked,
      accounts: vault?.accounts() ?? [],
      selected: wallet.selectedAddress() ?? null,
      transport: session.transport,
      autoLockMinutes: wallet.settings.get().autoLockMinutes,
      defaultChainId: wallet.chains.defaultChainId,
    };
  },
  vaughan_unlock: async (wallet, [password]) => {
    try {
      await wallet.unlock(password);
    } catch (error) {
      if (error instanceof WrongPasswordError) throw new UnauthorizedError("Wrong password");
      throw error;
    }
    return true as const;
  },
  vaughan_reload: (wallet) => {
    wallet.reload();
    return true;
  },
  vaughan_lock: (wallet) => {
    wallet.lock();
    return true;
  },
  vaughan_sites: (wallet) =>
    wallet.sites
      .all()
      .filter(([, site]) => site.accounts.length > 0)
      .map(([origin, site]) => ({ origin, accounts: site.accounts, chainId: wallet.chainIdFor(origin) })),
  vaughan_revoke: (wallet, [origin]) => {
    wallet.revoke(origin);
    return true;
  },
  vaughan_selectAccount: (wallet, [address]) => {
    wallet.selectAccount(address);
    return true;
  },
  vaughan_addAccount: (wallet, [name]) => {
    const vault = wallet.vault();
    if (!vault || wallet.locked) throw new UnauthorizedError("The wallet is locked");
    return vault.addAccount(name);
  },
  vaughan_renameAccount: (wallet, [address, name]) => {
    const vault = wallet.vault();
    if (!vault || wallet.locked) throw new UnauthorizedError("The wallet is locked");
    return vault.renameAccount(address, name);
  },
  vaughan_setAutoLock: (wallet, [minutes]) => {
    wallet.settings.update((s) => {
      s.autoLockMinutes = minutes;
    });
    wallet.vault()?.setAutoLock(minutes * 60_000);
    return true;
  },
  vaughan_siteChain: (wallet, [origin]) => {
    const chain = wallet.chains.get(wallet.chainIdFor(origin));
    return chain ? { chainId: chain.chainId, name: chain.name } : null;
  },
  vaughan_delegations: async (wallet, [chainId]) => {
    const chain = wallet.chains.get(chainId ?? wallet.chains.defaultChainId);
    if (!chain) throw new InvalidParamsError(`Invalid params: unknown chain ${chainId}`);
    const accounts = wallet.vault()?.accounts() ?? [];
    // One read per account, together: a vault holds a handful.
    return Promise.all(
      accounts.map(async ({ address }) => ({ address, delegate: await delegationOf(chain, address) })),
    );
  },
};

type UiCall = (wallet: Wallet, params: readonly unknown[], session: Session) => unknown;

/** The handler for a wire method name, parsing its params first; -32601 for a name not in the table. */
export function uiHandler(method: string): UiCall {
  if (!isUiMethod(method) || method === "vaughan_health")
    throw new MethodNotFoundError(`Method ${method} not found`);
  const handler = UI_HANDLERS[method] as (wallet: Wallet, params: unknown, session: Session) => unknown;
  const schema = UI_CALLS[method].params;
  return (wallet, params, session) => handler(wallet, parseParams(schema, params), session);
}

export function requireArray(params: unknown): readonly unknown[] {
  if (params === undefined) return [];
  if (!Array.isArray(params)) throw new InvalidParamsError("Invalid params: expected an array");
  return params;
}
