import {
  BaseError,
  createPublicClient,
  http,
  type PublicClient,
  ResponseBodyTooLargeError,
  RpcRequestError,
} from "viem";
import { MAX_OUTBOUND_FRAME_BYTES } from "../../../protocol/constants.js";
import {
  ChainDisconnectedError,
  fromRpcError,
  LimitExceededError,
  type ProviderRpcError,
} from "../../../protocol/errors.js";
import type { Chain } from "../stores/chains.js";

/** Every chain call gives up after this long: a slow endpoint must not hold a page's request. */
export const CHAIN_TIMEOUT_MS = 10_000;
/** Longest node error message passed on (the wire allows 4096 characters). */
const MAX_NODE_MESSAGE = 1024;
/** Clients kept for reuse; the least recently used goes first. */
const MAX_CLIENTS = 16;

const clients = new Map<string, PublicClient>();

/**
 * A client for one endpoint. Redirects are refused (`redirect: "error"`): a public `https`
 * endpoint that answered 307 would otherwise have the host POST to a loopback or LAN address a
 * page picked, past the browser's Private Network Access rules. No retries, a timeout, and an
 * answer no larger than `maxBytes` (read as it streams, so a huge body costs no memory).
 * https://fetch.spec.whatwg.org/#concept-request-redirect-mode
 */
function createClient(url: string, maxBytes: number): PublicClient {
  return createPublicClient({
    transport: http(url, {
      retryCount: 0,
      timeout: CHAIN_TIMEOUT_MS,
      maxResponseBodySize: maxBytes,
      fetchOptions: { redirect: "error" },
    }),
  });
}

/**
 * The client for the chain's first RPC URL. Cached per URL, at most MAX_CLIENTS of them: chains
 * come and go (a page may propose many), and a client per URL forever would grow without end.
 * An answer is capped at what one frame to the browser can carry.
 */
export function publicClientFor(chain: Chain): PublicClient {
  const url = chain.rpcUrls[0] as string;
  let client = clients.get(url);
  if (client) clients.delete(url);
  else client = createClient(url, MAX_OUTBOUND_FRAME_BYTES);
  clients.set(url, client);
  if (clients.size > MAX_CLIENTS) clients.delete(clients.keys().next().value as string);
  return client;
}

/** How many clients are cached (for the cache's own test). */
export function cachedClientCount(): number {
  return clients.size;
}

type RawRequest = (args: { method: string; params?: unknown }) => Promise<unknown>;

/**
 * Forwards one JSON-RPC call to the chain. An endpoint that cannot be reached is 4901; an error
 * the node itself returned keeps the node's code, message and data, so a dApp sees a revert as such.
 */
export async function chainRequest(
  chain: Chain,
  method: string,
  params: unknown[] | undefined,
): Promise<unknown> {
  try {
    // viem's typed request wants a known method; the method table already vetted this one.
    return await (publicClientFor(chain).request as RawRequest)({ method, params });
  } catch (error) {
    throw toChainError(chain, error);
  }
}

/** Largest `eth_chainId` answer read from an endpoint being checked (a few bytes are expected). */
export const CHAIN_ID_ANSWER_MAX_BYTES = 64 * 1024;

/**
 * The chain id an endpoint reports, or undefined when it cannot say (unreachable, not JSON-RPC,
 * an error, a non-hex answer, more than 64 KiB). What the endpoint sent is never returned: the
 * caller may be a page that proposed the endpoint to learn what a private address answers.
 * A one-off client, not cached: the endpoint is not a chain of the wallet's yet.
 */
export async function reportedChainId(url: string): Promise<number | undefined> {
  try {
    const answer = await (createClient(url, CHAIN_ID_ANSWER_MAX_BYTES).request as RawRequest)({
      method: "eth_chainId",
    });
    if (typeof answer !== "string" || !/^0x[0-9a-fA-F]{1,16}$/.test(answer)) return undefined;
    return Number(answer);
  } catch {
    return undefined;
  }
}

export function toChainError(chain: Chain, error: unknown): ProviderRpcError {
  // An answer from the node (a revert, a bad nonce) wraps an RpcRequestError; anything else
  // (refused, timed out, redirected, not JSON) means the endpoint could not be used.
  const found =
    error instanceof BaseError
      ? error.walk((e) => e instanceof RpcRequestError || e instanceof ResponseBodyTooLargeError)
      : null;
  // The node's own message (viem keeps it as `details`; its short message is a generic line),
  // bounded so the answer still fits the wire's error schema.
  if (found instanceof RpcRequestError)
    return fromRpcError({
      code: found.code,
      message: (found.details || found.shortMessage).slice(0, MAX_NODE_MESSAGE),
      data: found.data,
    });
  if (found instanceof ResponseBodyTooLargeError)
    return new LimitExceededError(
      `The chain's answer is over ${MAX_OUTBOUND_FRAME_BYTES} bytes, more than the wallet can carry; ask for less (a narrower block range)`,
    );
  return new ChainDisconnectedError(`Chain ${chain.chainId} (${chain.name}) is unreachable`, {
    cause: error,
  });
}
