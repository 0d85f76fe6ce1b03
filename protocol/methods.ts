/**
 * The method table: every EIP-1193 method a page may call. Each entry is declared in rpc/ with
 * its rate-limit tier, the kind of approval it may ask for, its params schema and its result
 * schema; the background (layer 1) looks methods up here for their tier and kind, the host
 * (layer 2) parses params with these schemas before a handler runs, and handlers are typed from
 * them. Nothing dispatches by indexing an object with a string from the wire.
 * https://eips.ethereum.org/EIPS/eip-1193 · https://eips.ethereum.org/EIPS/eip-1474
 */

import type * as z from "zod";
import type { ApprovalKind } from "./messages.js";
import * as accounts from "./rpc/accounts.js";
import * as calls from "./rpc/calls.js";
import * as chainId from "./rpc/chainId.js";
import * as chains from "./rpc/chains.js";
import * as personalSign from "./rpc/personalSign.js";
import { READ_METHODS } from "./rpc/reads.js";
import type { RpcMethod } from "./rpc/rpcMethod.js";
import * as sendTransaction from "./rpc/sendTransaction.js";
import * as signTypedData from "./rpc/signTypedData.js";
import * as watchAsset from "./rpc/watchAsset.js";

export type { Tier } from "./rpc/rpcMethod.js";

/** What the limits and the background need of a method. */
export type MethodInfo = Pick<RpcMethod, "tier" | "kind">;

export const METHODS = {
  eth_chainId: chainId.ethChainId,
  net_version: chainId.netVersion,
  eth_accounts: accounts.ethAccounts,
  eth_requestAccounts: accounts.ethRequestAccounts,
  wallet_requestPermissions: accounts.walletRequestPermissions,
  wallet_getPermissions: accounts.walletGetPermissions,
  wallet_revokePermissions: accounts.walletRevokePermissions,
  personal_sign: personalSign.personalSign,
  personal_ecRecover: personalSign.personalEcRecover,
  eth_signTypedData: signTypedData.ethSignTypedData,
  eth_signTypedData_v3: signTypedData.ethSignTypedDataV3,
  eth_signTypedData_v4: signTypedData.ethSignTypedDataV4,
  eth_sendTransaction: sendTransaction.ethSendTransaction,
  eth_sign: personalSign.ethSign,
  wallet_switchEthereumChain: chains.walletSwitchEthereumChain,
  wallet_addEthereumChain: chains.walletAddEthereumChain,
  wallet_watchAsset: watchAsset.walletWatchAsset,
  // EIP-5792: capabilities answer from the wallet's own chains; a batch prompts like a
  // transaction; its status reads receipts from the chain; showing it opens a window.
  wallet_getCapabilities: calls.walletGetCapabilities,
  wallet_sendCalls: calls.walletSendCalls,
  wallet_getCallsStatus: calls.walletGetCallsStatus,
  wallet_showCallsStatus: calls.walletShowCallsStatus,
  ...READ_METHODS,
} as const satisfies Record<string, RpcMethod>;

export type MethodName = keyof typeof METHODS;

/** A method's params as its handler receives them: the wire's array, parsed by its schema. */
export type RpcParams<M extends MethodName> = z.output<(typeof METHODS)[M]["params"]>;
/** What a method answers a page. */
export type RpcResult<M extends MethodName> = z.input<(typeof METHODS)[M]["result"]>;

/** Tier and kind alone, by name: what the limits look up on every request. */
const INFO: ReadonlyMap<string, MethodInfo> = new Map(
  Object.entries(METHODS).map(([name, { tier, kind }]: [string, RpcMethod]) => [
    name,
    kind === undefined ? { tier } : { tier, kind },
  ]),
);

/** The tier and kind of a wire string's method, or undefined; a Map keeps `__proto__` and friends out. */
export function lookupMethod(method: string): MethodInfo | undefined {
  return INFO.get(method);
}

export function isMethodName(method: string): method is MethodName {
  return Object.hasOwn(METHODS, method);
}

/**
 * Kinds the host asks for on every valid request. Only for these is a request still in flight
 * treated as pending: an `eth_requestAccounts` from a site already connected, or a switch to
 * the current chain, is answered without a prompt and must not turn a concurrent twin into -32002.
 */
const ALWAYS_PROMPTS: ReadonlySet<ApprovalKind> = new Set([
  "sign-message",
  "sign-typed-data",
  "send-transaction",
  "send-calls",
  "watch-asset",
]);

/** True when every valid request of this kind opens a prompt. */
export function alwaysPrompts(kind: ApprovalKind): boolean {
  return ALWAYS_PROMPTS.has(kind);
}
