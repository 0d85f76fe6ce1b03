import type { ReadMethod } from "../../../../protocol/rpc/reads.js";
import type { RpcParams } from "../../../../protocol/rpc/rpcMethods.js";
import { chainRequest } from "../../wallet/chainClient.js";
import type { RequestContext } from "../Handler.js";

/**
 * The handler of a chain read: its params, already checked against protocol/rpc/reads.ts, go
 * to the requesting site's chain unchanged, and the node's answer comes back as it is.
 */
export function forwardRead<M extends ReadMethod>(
  method: M,
): (ctx: RequestContext, params: RpcParams<M>) => Promise<unknown> {
  return ({ origin, wallet }, params) => chainRequest(wallet.chainFor(origin), method, [...params]);
}
