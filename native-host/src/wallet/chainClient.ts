import { BaseError, createPublicClient, http, type PublicClient, RpcRequestError } from "viem";
import { ChainDisconnectedError, fromRpcError, type ProviderRpcError } from "../../../protocol/errors.js";
import type { Chain } from "../stores/chains.js";

const clients = new Map<string, PublicClient>();

/** A viem client for the chain's first RPC URL, cached per URL. */
export function publicClientFor(chain: Chain): PublicClient {
  const url = chain.rpcUrls[0] as string;
  let client = clients.get(url);
  if (!client) {
    client = createPublicClient({ transport: http(url, { retryCount: 0, timeout: 10_000 }) });
    clients.set(url, client);
  }
  return client;
}

/**
 * Forwards one JSON-RPC call to the chain. An endpoint that cannot be reached is 4901; an error
 * the node itself returned keeps the node's code and message, so a dApp sees a revert as such.
 */
export async function chainRequest(
  chain: Chain,
  method: string,
  params: unknown[] | undefined,
): Promise<unknown> {
  try {
    // viem's typed request wants a known method; the method table already vetted this one.
    const request = publicClientFor(chain).request as (args: {
      method: string;
      params?: unknown;
    }) => Promise<unknown>;
    return await request({ method, params });
  } catch (error) {
    throw toChainError(chain, error);
  }
}

export function toChainError(chain: Chain, error: unknown): ProviderRpcError {
  // An answer from the node (a revert, a bad nonce) wraps an RpcRequestError; anything else
  // (refused, timed out, not JSON) means the endpoint could not be used.
  const rpc =
    error instanceof BaseError
      ? (error.walk((e) => e instanceof RpcRequestError) as RpcRequestError | null)
      : null;
  if (rpc) return fromRpcError({ code: rpc.code, message: rpc.shortMessage, data: rpc.data });
  return new ChainDisconnectedError(`Chain ${chain.chainId} (${chain.name}) is unreachable`, {
    cause: error,
  });
}
