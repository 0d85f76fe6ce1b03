import { UnsupportedMethodError } from "../../../protocol/errors.js";
import type { MethodName } from "../../../protocol/methods.js";
import { RPC_METHODS, type RpcParams } from "../../../protocol/rpc/rpcMethods.js";
import type { Handler, RequestContext } from "./Handler.js";
import {
  ethAccounts,
  ethRequestAccounts,
  walletGetPermissions,
  walletRequestPermissions,
  walletRevokePermissions,
} from "./handlers/accounts.js";
import { walletGetCallsStatus, walletShowCallsStatus } from "./handlers/callsStatus.js";
import { ethChainId, netVersion } from "./handlers/chainId.js";
import { walletAddEthereumChain, walletSwitchEthereumChain } from "./handlers/chains.js";
import { walletGetCapabilities } from "./handlers/getCapabilities.js";
import { personalEcRecover } from "./handlers/personalEcRecover.js";
import { personalSign } from "./handlers/personalSign.js";
import { forwardRead } from "./handlers/readMethods.js";
import { walletSendCalls } from "./handlers/sendCalls.js";
import { ethSendTransaction } from "./handlers/sendTransaction.js";
import { signTypedDataV3, signTypedDataV4 } from "./handlers/signTypedData.js";
import { signTypedDataV1 } from "./handlers/signTypedDataV1.js";
import { walletWatchAsset } from "./handlers/watchAsset.js";
import { parseParams } from "./params.js";

/** `eth_sign` signs an arbitrary hash, the classic blind-signing phishing tool: refused. */
const ethSign: Handler<"eth_sign"> = () => {
  throw new UnsupportedMethodError("eth_sign is not supported: it signs data the user cannot read");
};

/** Every method in the table has exactly one handler; the compiler checks both directions. */
const TYPED_HANDLERS: { [M in MethodName]: Handler<M> } = {
  eth_chainId: ethChainId,
  net_version: netVersion,
  eth_accounts: ethAccounts,
  eth_requestAccounts: ethRequestAccounts,
  wallet_requestPermissions: walletRequestPermissions,
  wallet_getPermissions: walletGetPermissions,
  wallet_revokePermissions: walletRevokePermissions,
  personal_sign: personalSign,
  personal_ecRecover: personalEcRecover,
  eth_signTypedData: signTypedDataV1,
  eth_signTypedData_v3: signTypedDataV3,
  eth_signTypedData_v4: signTypedDataV4,
  eth_sendTransaction: ethSendTransaction,
  eth_sign: ethSign,
  wallet_switchEthereumChain: walletSwitchEthereumChain,
  wallet_addEthereumChain: walletAddEthereumChain,
  wallet_watchAsset: walletWatchAsset,
  wallet_getCapabilities: walletGetCapabilities,
  wallet_sendCalls: walletSendCalls,
  wallet_getCallsStatus: walletGetCallsStatus,
  wallet_showCallsStatus: walletShowCallsStatus,
  eth_blockNumber: forwardRead("eth_blockNumber"),
  eth_getBalance: forwardRead("eth_getBalance"),
  eth_call: forwardRead("eth_call"),
  eth_estimateGas: forwardRead("eth_estimateGas"),
  eth_gasPrice: forwardRead("eth_gasPrice"),
  eth_maxPriorityFeePerGas: forwardRead("eth_maxPriorityFeePerGas"),
  eth_feeHistory: forwardRead("eth_feeHistory"),
  eth_getTransactionCount: forwardRead("eth_getTransactionCount"),
  eth_getTransactionReceipt: forwardRead("eth_getTransactionReceipt"),
  eth_getTransactionByHash: forwardRead("eth_getTransactionByHash"),
  eth_getBlockByNumber: forwardRead("eth_getBlockByNumber"),
  eth_getBlockByHash: forwardRead("eth_getBlockByHash"),
  eth_getCode: forwardRead("eth_getCode"),
  eth_getStorageAt: forwardRead("eth_getStorageAt"),
  eth_getLogs: forwardRead("eth_getLogs"),
  web3_clientVersion: forwardRead("web3_clientVersion"),
};

/** A method as the dispatcher calls it: params as the wire gave them (an array per EIP-1193). */
export type WireHandler = (ctx: RequestContext, params: readonly unknown[]) => unknown;

/**
 * The handler of `method` behind its params schema: -32602 before the handler runs when the
 * params do not parse. The parse is synchronous, so a handler that answers in the same turn
 * still does.
 */
export function parsingHandler<M extends MethodName>(
  method: M,
): (ctx: RequestContext, params: readonly unknown[]) => ReturnType<Handler<M>> {
  const schema = RPC_METHODS[method].params;
  const handler: Handler<M> = TYPED_HANDLERS[method];
  // TypeScript cannot relate the table's entry for a generic `M` to `RpcParams<M>` (one schema
  // out of a union); the two are the same entry of RPC_METHODS, so the parsed value is that type.
  return (ctx, params) => handler(ctx, parseParams(schema, params) as RpcParams<M>);
}

export const HANDLERS = Object.fromEntries(
  (Object.keys(TYPED_HANDLERS) as MethodName[]).map((method) => [method, parsingHandler(method)]),
) as Record<MethodName, WireHandler>;
