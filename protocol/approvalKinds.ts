import type { ApprovalKind } from "./messages.js";
import type { MethodName } from "./methods.js";

/**
 * The approval kind each prompting method asks for, so the background can apply "one pending
 * approval per (origin, kind)" before the host is even asked (SECURITY.md T11).
 */
const KIND_OF: Partial<Record<MethodName, ApprovalKind>> = {
  eth_requestAccounts: "connect",
  wallet_requestPermissions: "connect",
  personal_sign: "sign-message",
  eth_signTypedData_v4: "sign-typed-data",
  eth_sendTransaction: "send-transaction",
  wallet_switchEthereumChain: "switch-chain",
  wallet_addEthereumChain: "add-chain",
  wallet_watchAsset: "watch-asset",
};

/**
 * Kinds the host asks for on every valid request. Only for these is a request still in flight
 * treated as pending: an `eth_requestAccounts` from a site already connected, or a switch to
 * the current chain, is answered without a prompt and must not turn a concurrent twin into -32002.
 */
const ALWAYS_PROMPTS: ReadonlySet<ApprovalKind> = new Set([
  "sign-message",
  "sign-typed-data",
  "send-transaction",
  "watch-asset",
]);

/** The approval kind `method` may ask for, or undefined when it never prompts. */
export function approvalKindOf(method: string): ApprovalKind | undefined {
  return Object.hasOwn(KIND_OF, method) ? KIND_OF[method as MethodName] : undefined;
}

/** True when every valid request of this kind opens a prompt. */
export function alwaysPrompts(kind: ApprovalKind): boolean {
  return ALWAYS_PROMPTS.has(kind);
}
