import { MAX_BATCH } from "../../../protocol/constants.js";
import { InvalidRequestError, ProviderRpcError, toRpcError } from "../../../protocol/errors.js";
import { isJsonRpcRequest } from "../../../protocol/guards.js";
import {
  type JsonRpcRequest,
  JsonRpcRequestSchema,
  type JsonRpcResponse,
} from "../../../protocol/messages.js";
import { lookupMethod } from "../../../protocol/methods.js";

/** A value now, or a promise of it. */
export type Awaitable<T> = T | Promise<T>;

/** What one frame's JSON-RPC payload gets back: nothing for notifications. */
export type JsonRpcReply = JsonRpcResponse | JsonRpcResponse[] | undefined;

/**
 * JSON-RPC 2.0 exactly (https://www.jsonrpc.org/specification): batches, notifications, and
 * the spec's answers to malformed input. `payload` is already-parsed JSON; a parse failure is
 * answered by the caller with -32700 and id null. A single request whose `call` returns a value
 * is answered in the same turn: no promise between the frame and its answer. Never rejects.
 */
export function handleJsonRpc(
  payload: unknown,
  call: (request: JsonRpcRequest) => unknown,
): Awaitable<JsonRpcReply> {
  return Array.isArray(payload) ? handleBatch(payload, call) : handleOne(payload, call);
}

async function handleBatch(
  payload: unknown[],
  call: (request: JsonRpcRequest) => unknown,
): Promise<JsonRpcReply> {
  if (payload.length === 0)
    return errorResponse(null, new InvalidRequestError("Invalid Request: empty batch"));
  if (payload.length > MAX_BATCH) {
    return errorResponse(null, new InvalidRequestError(`Invalid Request: batch of more than ${MAX_BATCH}`));
  }
  // Signing inside a batch would let one approval cover many actions; refuse the whole batch.
  const prompting = payload.some((item) => {
    const method = (item as { method?: unknown } | null)?.method;
    return typeof method === "string" && lookupMethod(method)?.kind !== undefined;
  });
  if (prompting) {
    return errorResponse(
      null,
      new InvalidRequestError("Invalid Request: methods that prompt are not allowed in a batch"),
    );
  }
  const responses = await Promise.all(payload.map((item) => handleOne(item, call)));
  const present = responses.filter((r): r is JsonRpcResponse => r !== undefined);
  return present.length > 0 ? present : undefined;
}

function handleOne(
  item: unknown,
  call: (request: JsonRpcRequest) => unknown,
): Awaitable<JsonRpcResponse | undefined> {
  const request = parseRequest(item);
  if (!request) return errorResponse(idOf(item), new InvalidRequestError("Invalid Request"));
  const id = request.id ?? null;
  // A notification (no id) is run but never answered, not even with an error.
  const notification = !("id" in request) || request.id === undefined;
  const succeed = (result: unknown) =>
    notification ? undefined : { jsonrpc: "2.0" as const, id, result: result ?? null };
  const fail = (error: unknown) => (notification ? undefined : errorResponse(id, error));
  let result: unknown;
  try {
    result = call(request);
  } catch (error) {
    return fail(error);
  }
  return result instanceof Promise ? result.then(succeed, fail) : succeed(result);
}

/** The common shape takes the hand-written check (protocol/guards.ts says why); all else the schema. */
function parseRequest(item: unknown): JsonRpcRequest | undefined {
  if (isJsonRpcRequest(item)) return item;
  const parsed = JsonRpcRequestSchema.safeParse(item);
  return parsed.success ? parsed.data : undefined;
}

function errorResponse(id: string | number | null, error: unknown): JsonRpcResponse {
  return {
    jsonrpc: "2.0",
    id,
    error: error instanceof ProviderRpcError ? error.toRpcError() : toRpcError(error),
  };
}

/** The id of a malformed request when it has a usable one, else null (as the spec says). */
function idOf(item: unknown): string | number | null {
  if (item === null || typeof item !== "object" || Array.isArray(item)) return null;
  const id = (item as { id?: unknown }).id;
  return typeof id === "string" || typeof id === "number" ? id : null;
}
