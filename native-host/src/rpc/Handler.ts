import type { MethodName } from "../../../protocol/methods.js";
import type { RpcParams, RpcResult } from "../../../protocol/rpc/rpcMethods.js";
import type { SendWarning } from "../../../protocol/ui.js";
import type { Chain } from "../stores/chains.js";
import type { Session } from "../wallet/Session.js";
import type { Wallet } from "../wallet/Wallet.js";

export interface RequestContext {
  /** The requesting frame's origin, as the browser reported it to the background. */
  readonly origin: string;
  readonly session: Session;
  readonly wallet: Wallet;
  /**
   * Set only when the wallet itself makes the request (the Send screen, origin WALLET_ORIGIN):
   * the chain it chose, and the host's warnings for the approval window. Never set for a page.
   */
  readonly own?: { readonly chain: Chain; readonly warnings: readonly SendWarning[] };
}

/**
 * The handler of method `M`: its params already parsed by the method's schema in protocol/rpc/,
 * its result the method's result type. One that needs no I/O returns its value (or throws) and is
 * answered in the same turn; one that waits for the user or the chain returns a promise.
 */
export type Handler<M extends MethodName> = (
  ctx: RequestContext,
  params: RpcParams<M>,
) => RpcResult<M> | Promise<RpcResult<M>>;
