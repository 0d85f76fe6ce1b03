/**
 * The method table: every EIP-1193 method a page may call, with the rate-limit tier it belongs
 * to and whether it may prompt the user. Both the background (layer 1) and the host (layer 2)
 * look methods up here; nothing dispatches by indexing an object with a string from the wire.
 * https://eips.ethereum.org/EIPS/eip-1193 · https://eips.ethereum.org/EIPS/eip-1474
 */

export type Tier = "read" | "accounts" | "sign" | "chain" | "other";

export interface MethodInfo {
  readonly tier: Tier;
  /** True when the method can open an approval window. */
  readonly prompts: boolean;
}

const read: MethodInfo = { tier: "read", prompts: false };

export const METHODS = {
  eth_chainId: read,
  net_version: read,
  eth_accounts: { tier: "accounts", prompts: false },
  eth_requestAccounts: { tier: "accounts", prompts: true },
  wallet_requestPermissions: { tier: "accounts", prompts: true },
  wallet_getPermissions: { tier: "accounts", prompts: false },
  wallet_revokePermissions: { tier: "accounts", prompts: false },
  personal_sign: { tier: "sign", prompts: true },
  eth_signTypedData_v4: { tier: "sign", prompts: true },
  eth_sendTransaction: { tier: "sign", prompts: true },
  eth_sign: { tier: "sign", prompts: false },
  wallet_switchEthereumChain: { tier: "chain", prompts: true },
  wallet_addEthereumChain: { tier: "chain", prompts: true },
  wallet_watchAsset: { tier: "other", prompts: true },
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
