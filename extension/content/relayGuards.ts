import type { RelayRequest, RelayResponse } from "../../protocol/messages.js";

/**
 * Hand-written checks for the relay, which runs in every frame of every page: zod would add
 * ~100 KB to each of them. They check the same shapes as `RelayRequestSchema` and
 * `RelayResponseSchema`; the background parses again with those schemas (habit 3: each entry
 * parses), so a gap here is caught there.
 */
export function toRelayRequest(id: number, method: unknown, params: unknown): RelayRequest | undefined {
  if (typeof method !== "string" || method.length === 0 || method.length > 128) return undefined;
  return params === undefined ? { type: "request", id, method } : { type: "request", id, method, params };
}

export function isRelayResponse(value: unknown): value is RelayResponse {
  if (value === null || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  if (v.type === "event") return typeof v.event === "string" && v.event.length <= 64;
  if (v.type !== "response" || typeof v.id !== "number") return false;
  if (!("error" in v)) return "result" in v;
  const error = v.error as Record<string, unknown> | null;
  return (
    error !== null &&
    typeof error === "object" &&
    typeof error.code === "number" &&
    typeof error.message === "string"
  );
}
