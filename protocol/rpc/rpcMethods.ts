import type * as z from "zod";
import type { MethodName } from "../methods.js";
import * as accounts from "./accounts.js";
import * as calls from "./calls.js";
import * as chainId from "./chainId.js";
import * as chains from "./chains.js";
import * as personalSign from "./personalSign.js";
import { READ_METHODS } from "./reads.js";
import type { RpcMethod } from "./rpcMethod.js";
import * as sendTransaction from "./sendTransaction.js";
import * as signTypedData from "./signTypedData.js";
import * as watchAsset from "./watchAsset.js";

/**
 * Every method of the method table (protocol/methods.ts) with its params and result schemas; the
 * compiler checks that both tables name the same methods. The host parses params with these
 * before a handler runs, and its handlers are typed from them (`RpcParams`, `RpcResult`).
 */
export const RPC_METHODS = {
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
  wallet_getCapabilities: calls.walletGetCapabilities,
  wallet_sendCalls: calls.walletSendCalls,
  wallet_getCallsStatus: calls.walletGetCallsStatus,
  wallet_showCallsStatus: calls.walletShowCallsStatus,
  ...READ_METHODS,
} as const satisfies Record<MethodName, RpcMethod>;

/** A method's params as its handler receives them: the wire's array, parsed by its schema. */
export type RpcParams<M extends MethodName> = z.output<(typeof RPC_METHODS)[M]["params"]>;
/** What a method answers a page. */
export type RpcResult<M extends MethodName> = z.input<(typeof RPC_METHODS)[M]["result"]>;
