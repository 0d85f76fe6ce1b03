import * as z from "zod";
import { InvalidParamsError, MethodNotFoundError, UnauthorizedError } from "../../../protocol/errors.js";
import type { Session } from "../wallet/Session.js";
import type { Wallet } from "../wallet/Wallet.js";
import { AddressSchema, parseParams } from "./params.js";

/**
 * Calls from the extension's own pages (popup, options, approval window) and from the CLI.
 * Never reachable from a page: the background sends them as `ui` envelopes only for its own
 * extension pages, and the host keeps them in a table apart from the provider methods. As with
 * the provider's handlers (rpc/Handler.ts), one that needs no I/O answers in the same turn.
 */
type UiHandler = (wallet: Wallet, params: readonly unknown[], session: Session) => unknown;

// Built once: a zod schema made inside a handler is built (and, in Node, compiled) on every call,
// which cost ~65 µs of each `vaughan_siteChain`.
const PasswordParams = z.tuple([z.string().min(1).max(1024)]);
const OriginParams = z.tuple([z.string().min(1).max(2048)]);
const AddressParams = z.tuple([AddressSchema]);
const AccountName = z.string().min(1).max(64);
const AddAccountParams = z.union([z.tuple([]), z.tuple([AccountName])]);
const RenameAccountParams = z.tuple([AddressSchema, AccountName]);
const AutoLockParams = z.tuple([
  z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
]);

const UI_HANDLERS = {
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
  vaughan_unlock: async (wallet, params) => {
    const [password] = parseParams(PasswordParams, params);
    try {
      await wallet.unlock(password);
    } catch (error) {
      if ((error as Error).message === "wrong password") throw new UnauthorizedError("Wrong password");
      throw error;
    }
    return true;
  },
  /** The CLI changed files the daemon holds in memory (`chains add`, `chains default`). */
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
  vaughan_revoke: (wallet, params) => {
    const [origin] = parseParams(OriginParams, params);
    wallet.revoke(origin);
    return true;
  },
  vaughan_selectAccount: (wallet, params) => {
    const [address] = parseParams(AddressParams, params);
    wallet.selectAccount(address);
    return true;
  },
  vaughan_addAccount: (wallet, params) => {
    const [name] = parseParams(AddAccountParams, params);
    const vault = wallet.vault();
    if (!vault || wallet.locked) throw new UnauthorizedError("The wallet is locked");
    return vault.addAccount(name);
  },
  vaughan_renameAccount: (wallet, params) => {
    const [address, name] = parseParams(RenameAccountParams, params);
    const vault = wallet.vault();
    if (!vault || wallet.locked) throw new UnauthorizedError("The wallet is locked");
    return vault.renameAccount(address, name);
  },
  vaughan_setAutoLock: (wallet, params) => {
    const [minutes] = parseParams(AutoLockParams, params);
    wallet.settings.update((s) => {
      s.autoLockMinutes = minutes;
    });
    wallet.vault()?.setAutoLock(minutes * 60_000);
    return true;
  },
  vaughan_siteChain: (wallet, params) => {
    const [origin] = parseParams(OriginParams, params);
    const chain = wallet.chains.get(wallet.chainIdFor(origin));
    return chain ? { chainId: chain.chainId, name: chain.name } : null;
  },
} satisfies Record<string, UiHandler>;

export type UiMethod = keyof typeof UI_HANDLERS;

export function uiHandler(method: string): UiHandler {
  if (!Object.hasOwn(UI_HANDLERS, method)) throw new MethodNotFoundError(`Method ${method} not found`);
  return UI_HANDLERS[method as UiMethod];
}

export function requireArray(params: unknown): readonly unknown[] {
  if (params === undefined) return [];
  if (!Array.isArray(params)) throw new InvalidParamsError("Invalid params: expected an array");
  return params;
}
