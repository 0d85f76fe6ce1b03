import { UnsupportedMethodError } from "../../../protocol/errors.js";
import type { MethodName } from "../../../protocol/methods.js";
import type { Handler } from "./Handler.js";
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

/** `eth_sign` signs an arbitrary hash, the classic blind-signing phishing tool: refused. */
const ethSign: Handler = () => {
  throw new UnsupportedMethodError("eth_sign is not supported: it signs data the user cannot read");
};

/** Every method in the table has exactly one handler; the compiler checks both directions. */
export const HANDLERS: Record<MethodName, Handler> = {
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
