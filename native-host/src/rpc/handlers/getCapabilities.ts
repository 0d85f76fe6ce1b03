import type { RpcResult } from "../../../../protocol/rpc/rpcMethods.js";
import type { Handler } from "../Handler.js";
import { requirePermitted } from "./signer.js";

/**
 * EIP-5792 `wallet_getCapabilities`: per chain the wallet has (or per chain asked for, leaving out
 * those it does not have), keyed by hex chain id. Vaughan sends a batch's calls one by one, so
 * `atomic` is `unsupported` everywhere, and it offers no other capability (no paymasters, no
 * auxiliary funds, no session keys): nothing more is claimed. The address must be one the site
 * may use (4100), as the EIP asks.
 * https://eips.ethereum.org/EIPS/eip-5792#wallet_getcapabilities
 */
export const walletGetCapabilities: Handler<"wallet_getCapabilities"> = (ctx, [address, chainIds]) => {
  requirePermitted(ctx, address);
  const capabilities = { atomic: { status: "unsupported" } } as const;
  const result: RpcResult<"wallet_getCapabilities"> = {};
  if (chainIds === undefined) {
    for (const chain of ctx.wallet.chains.list()) result[`0x${chain.chainId.toString(16)}`] = capabilities;
    return result;
  }
  for (const asked of chainIds) {
    // The key as the dApp wrote it, so `result[asked]` finds it.
    if (ctx.wallet.chains.get(Number.parseInt(asked.slice(2), 16))) result[asked] = capabilities;
  }
  return result;
};
