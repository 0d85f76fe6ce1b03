import { PROTOCOL_VERSION } from "./constants.js";
import type { JsonRpcRequest, JsonRpcResponse, RelayRequest, RelayResponse } from "./messages.js";

/**
 * Hand-written checks for the shapes on every request's path: a page's request from the relay,
 * the background's answer to it (the relay runs in every frame of every page, where zod would
 * add ~100 KB), the `rpc`/`ui` envelope (the same both ways between background and host), a JSON-RPC
 * request and a JSON-RPC response. Requests paced by a page run zod's generic parser cold:
 * in the service worker it cost ~0.3 ms of a ~3.5 ms round trip, in the daemon ~0.1 ms of
 * each request. Each check accepts only values its schema in messages.ts accepts
 * (guards.test.ts proves it on random and mutated input); anything else, events and
 * approvals included, still goes through the schema.
 */

/** The `rpc`/`ui` envelope, valid as ExtensionToHost and as HostToExtension alike. */
export type RpcEnvelope =
  | { v: typeof PROTOCOL_VERSION; type: "rpc"; origin: string; payload: unknown }
  | { v: typeof PROTOCOL_VERSION; type: "ui"; payload: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Exactly these own keys: zod's strict objects refuse any other. Counted without building an
 * array (these run on every message); an inherited enumerable key fails the check.
 */
function hasKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  for (let i = 0; i < keys.length; i++) if (!Object.hasOwn(value, keys[i] as string)) return false;
  let count = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) return false;
    count++;
  }
  return count === keys.length;
}

// The key lists, made once.
const UI_ENVELOPE = ["v", "type", "payload"];
const RPC_ENVELOPE = ["v", "type", "origin", "payload"];
const ERROR = ["code", "message"];
const ERROR_WITH_DATA = ["code", "message", "data"];
const RESULT_RESPONSE = ["jsonrpc", "id", "result"];
const ERROR_RESPONSE = ["jsonrpc", "id", "error"];
const RELAY_REQUEST = ["type", "id", "method"];
const RELAY_REQUEST_WITH_PARAMS = ["type", "id", "method", "params"];
const RELAY_RESULT = ["type", "id", "result"];
const RELAY_ERROR = ["type", "id", "error"];
const RELAY_EVENT = ["type", "event", "data"];
const RELAY_EVENT_WITHOUT_DATA = ["type", "event"];
const NOTIFICATION = ["jsonrpc", "method"];
const NOTIFICATION_WITH_PARAMS = ["jsonrpc", "method", "params"];
const REQUEST = ["jsonrpc", "method", "id"];
const REQUEST_WITH_PARAMS = ["jsonrpc", "method", "id", "params"];

export function isRpcEnvelope(value: unknown): value is RpcEnvelope {
  if (!isRecord(value) || value.v !== PROTOCOL_VERSION) return false;
  if (value.type === "ui") return hasKeys(value, UI_ENVELOPE);
  return (
    value.type === "rpc" &&
    hasKeys(value, RPC_ENVELOPE) &&
    typeof value.origin === "string" &&
    value.origin.length >= 1 &&
    value.origin.length <= 2048
  );
}

function isId(id: unknown): boolean {
  return id === null || (typeof id === "string" && id.length <= 256) || Number.isFinite(id);
}

function isRpcError(error: unknown): boolean {
  if (!isRecord(error)) return false;
  return (
    hasKeys(error, Object.hasOwn(error, "data") ? ERROR_WITH_DATA : ERROR) &&
    Number.isSafeInteger(error.code) &&
    typeof error.message === "string" &&
    error.message.length <= 4096
  );
}

export function isJsonRpcResponse(value: unknown): value is JsonRpcResponse {
  if (!isRecord(value) || value.jsonrpc !== "2.0" || !isId(value.id)) return false;
  if (Object.hasOwn(value, "result")) return hasKeys(value, RESULT_RESPONSE);
  return hasKeys(value, ERROR_RESPONSE) && isRpcError(value.error);
}

export function isRelayRequest(value: unknown): value is RelayRequest {
  if (!isRecord(value) || value.type !== "request") return false;
  const keys = Object.hasOwn(value, "params") ? RELAY_REQUEST_WITH_PARAMS : RELAY_REQUEST;
  return (
    hasKeys(value, keys) &&
    Number.isSafeInteger(value.id) &&
    (value.id as number) >= 0 &&
    typeof value.method === "string" &&
    value.method.length >= 1 &&
    value.method.length <= 128
  );
}

/** The background's answer or event for one page, as the relay receives it. */
export function isRelayResponse(value: unknown): value is RelayResponse {
  if (!isRecord(value)) return false;
  if (value.type === "event") {
    const keys = Object.hasOwn(value, "data") ? RELAY_EVENT : RELAY_EVENT_WITHOUT_DATA;
    return hasKeys(value, keys) && typeof value.event === "string" && value.event.length <= 64;
  }
  if (value.type !== "response" || !Number.isSafeInteger(value.id)) return false;
  if (Object.hasOwn(value, "result")) return hasKeys(value, RELAY_RESULT);
  return hasKeys(value, RELAY_ERROR) && isRpcError(value.error);
}

export function isJsonRpcRequest(value: unknown): value is JsonRpcRequest {
  if (!isRecord(value) || value.jsonrpc !== "2.0") return false;
  const hasId = Object.hasOwn(value, "id");
  if (hasId && !isId(value.id)) return false;
  // Parameters by position only; named ones (an object) are left to the schema.
  const hasParams = Object.hasOwn(value, "params");
  if (hasParams && (!Array.isArray(value.params) || value.params.length > 64)) return false;
  const keys = hasId
    ? hasParams
      ? REQUEST_WITH_PARAMS
      : REQUEST
    : hasParams
      ? NOTIFICATION_WITH_PARAMS
      : NOTIFICATION;
  return (
    hasKeys(value, keys) &&
    typeof value.method === "string" &&
    value.method.length >= 1 &&
    value.method.length <= 128
  );
}
