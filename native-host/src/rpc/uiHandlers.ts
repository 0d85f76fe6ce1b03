import {
  InvalidParamsError,
  MethodNotFoundError,
  UnauthorizedError,
  UnrecognizedChainError,
} from "../../../protocol/errors.js";
import {
  isUiMethod,
  UI_CALLS,
  type UiChain,
  type UiMethod,
  type UiParams,
  type UiResult,
} from "../../../protocol/ui.js";
import { delegationOf } from "../approvals/delegationOf.js";
import { AssetStore } from "../stores/assets.js";
import type { Chain } from "../stores/chains.js";
import { WrongPasswordError } from "../vault/WrongPasswordError.js";
import { checkedChainEdit, checkedNewChain } from "../wallet/chainInput.js";
import type { Session } from "../wallet/Session.js";
import { sendWarnings } from "../wallet/sendWarnings.js";
import type { Wallet } from "../wallet/Wallet.js";
import { walletSend } from "../wallet/walletSend.js";
import { parseParams } from "./params.js";
import { POPUP_HANDLERS } from "./popupHandlers.js";

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
  ...POPUP_HANDLERS,
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
  vaughan_reload: async (wallet) => {
    await wallet.reload();
    return true as const;
  },
  vaughan_lock: (wallet) => {
    wallet.lock();
    return true;
  },
  vaughan_sites: (wallet) =>
    wallet.sites
      .all()
      .filter(([, site]) => site.accounts.length > 0)
      .map(([origin, site]) => {
        const chainId = wallet.chainIdFor(origin);
        return { origin, accounts: site.accounts, chainId, chainName: wallet.chains.get(chainId)?.name };
      }),
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
  vaughan_setAccountHidden: (wallet, [address, hidden]) => wallet.setAccountHidden(address, hidden),
  vaughan_chains: (wallet) => ({
    defaultChainId: wallet.chains.defaultChainId,
    chains: wallet.chains.list().map((chain) => uiChain(wallet, chain)),
  }),
  vaughan_addChain: async (wallet, [input]) => {
    if (wallet.chains.get(input.chainId))
      throw new InvalidParamsError(`Chain ${input.chainId} is already added: edit it instead`);
    const chain = await checkedNewChain(input);
    wallet.chains.upsert(chain);
    return uiChain(wallet, chain);
  },
  vaughan_editChain: async (wallet, [edit]) => {
    const current = wallet.chains.get(edit.chainId);
    if (!current) throw new UnrecognizedChainError(`Unknown chain ${edit.chainId}`);
    const chain = await checkedChainEdit(current, edit);
    wallet.chains.upsert(chain);
    return uiChain(wallet, chain);
  },
  vaughan_removeChain: (wallet, [chainId]) => {
    wallet.removeChain(chainId);
    return true;
  },
  vaughan_setDefaultChain: (wallet, [chainId]) => {
    wallet.setDefaultChain(chainId);
    return true;
  },
  vaughan_settings: (wallet) => {
    const settings = wallet.settings.get();
    return { autoLockMinutes: settings.autoLockMinutes, logRetentionDays: settings.logRetentionDays };
  },
  vaughan_setLogRetention: (wallet, [days]) => {
    wallet.setLogRetentionDays(days);
    return true;
  },
  vaughan_watchedTokens: (wallet, [chainId]) =>
    new AssetStore(wallet.home)
      .list()
      .filter((t) => t.chainId === chainId)
      .map((t) => ({ address: t.address, symbol: t.symbol, decimals: t.decimals })),
  vaughan_checkSend: (wallet, [request]) => sendWarnings(wallet, request),
  vaughan_send: (wallet, [request], session) => walletSend(wallet, session, request),
  vaughan_setAutoLock: (wallet, [minutes]) => {
    wallet.settings.update((s) => {
      s.autoLockMinutes = minutes;
    });
    wallet.vault()?.setAutoLock(minutes * 60_000);
    return true;
  },
  vaughan_getSimulate: (wallet) => wallet.settings.get().simulate,
  vaughan_setSimulate: (wallet, [on]) => {
    wallet.settings.update((s) => {
      s.simulate = on;
    });
    return true;
  },
  vaughan_siteChain: (wallet, [origin]) => {
    const chain = wallet.chains.get(wallet.chainIdFor(origin));
    return chain ? { chainId: chain.chainId, name: chain.name } : null;
  },
  vaughan_callsStatus: (wallet, [id]) => wallet.calls.view(id, (chainId) => wallet.chains.get(chainId)),
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

/** A chain as the Networks screen lists it, with the connected sites on it now. */
function uiChain(wallet: Wallet, chain: Chain): UiChain {
  return {
    chainId: chain.chainId,
    name: chain.name,
    symbol: chain.symbol,
    rpcUrl: chain.rpcUrls[0] ?? "",
    blockExplorerUrl: chain.blockExplorerUrls[0] ?? null,
    sites: wallet.sitesOn(chain.chainId),
  };
}

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
