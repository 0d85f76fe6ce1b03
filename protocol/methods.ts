/**
 * The method table: every EIP-1193 method a page may call, with the rate-limit tier it belongs
 * to and the kind of approval it may ask for. Both the background (layer 1) and the host (layer 2)
 * look methods up here; nothing dispatches by indexing an object with a string from the wire.
 * Each method's params and result schemas are in rpc/ (rpc/rpcMethods.ts lists them, for the
 * same names): this table holds no schema, because the service worker loads it on every start
 * and builds no schema it would never use.
 * https://eips.ethereum.org/EIPS/eip-1193 · https://eips.ethereum.org/EIPS/eip-1474
 */

import type { ApprovalKind } from "./messages.js";

/**
 * Rate-limit tiers. `local` methods answer from the wallet's own state (no chain, no prompt), as
 * cheaply as the in-flight cap that bounds them: dApps ask them before nearly every call, so
 * they spend no budget.
 */
export type Tier = "local" | "read" | "accounts" | "sign" | "chain" | "other";

export interface MethodInfo {
  readonly tier: Tier;
  /** The approval window the method may open; absent when it never prompts. */
  readonly kind?: ApprovalKind;
}

const read: MethodInfo = { tier: "read" };
const local: MethodInfo = { tier: "local" };

export const METHODS = {
  eth_chainId: local,
  net_version: local,
  eth_accounts: local,
  eth_requestAccounts: { tier: "accounts", kind: "connect" },
  wallet_requestPermissions: { tier: "accounts", kind: "connect" },
  wallet_getPermissions: local,
  wallet_revokePermissions: { tier: "accounts" },
  personal_sign: { tier: "sign", kind: "sign-message" },
  personal_ecRecover: read,
  eth_signTypedData: { tier: "sign", kind: "sign-typed-data" },
  eth_signTypedData_v3: { tier: "sign", kind: "sign-typed-data" },
  eth_signTypedData_v4: { tier: "sign", kind: "sign-typed-data" },
  eth_sendTransaction: { tier: "sign", kind: "send-transaction" },
  eth_sign: { tier: "sign" },
  wallet_switchEthereumChain: { tier: "chain", kind: "switch-chain" },
  wallet_addEthereumChain: { tier: "chain", kind: "add-chain" },
  wallet_watchAsset: { tier: "other", kind: "watch-asset" },
  // EIP-5792: capabilities answer from the wallet's own chains; a batch prompts like a
  // transaction; its status reads receipts from the chain; showing it opens a window.
  wallet_getCapabilities: local,
  wallet_sendCalls: { tier: "sign", kind: "send-calls" },
  wallet_getCallsStatus: read,
  wallet_showCallsStatus: { tier: "other" },
  eth_blockNumber: read,
  eth_getBalance: read,
  eth_call: read,
  eth_estimateGas: read,
  eth_gasPrice: read,
  eth_maxPriorityFeePerGas: read,
  eth_feeHistory: read,
  eth_getTransactionCount: read,
  eth_getTransactionReceipt: read,
  eth_getTransactionByHash: read,
  eth_getBlockByNumber: read,
  eth_getBlockByHash: read,
  eth_getCode: read,
  eth_getStorageAt: read,
  eth_getLogs: read,
  web3_clientVersion: read,
} as const satisfies Record<string, MethodInfo>;

export type MethodName = keyof typeof METHODS;

/** The table entry for a wire string, or undefined; `Object.hasOwn` keeps `__proto__` and friends out. */
export function lookupMethod(method: string): MethodInfo | undefined {
  return Object.hasOwn(METHODS, method) ? METHODS[method as MethodName] : undefined;
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
