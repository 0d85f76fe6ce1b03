import { MAX_JSON_DEPTH, MAX_PAGE_MESSAGE_BYTES } from "../../protocol/constants.js";
import { isRelayRequest } from "../../protocol/guards.js";
import { valueDepth } from "../../protocol/json.js";
import { type RelayRequest, RelayRequestSchema } from "../../protocol/messages.js";
import { fitsUtf8 } from "../../protocol/utf8Length.js";

/**
 * The background's own size and depth check on a relay message (T12). The relay checks the
 * same, but layer 1 does not rely on a content script that shares a renderer with the page.
 * The depth is measured first, so JSON.stringify never recurses into a hostile structure.
 */
function withinPageLimits(raw: unknown): boolean {
  if (valueDepth(raw, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return false;
  try {
    return fitsUtf8(JSON.stringify(raw), MAX_PAGE_MESSAGE_BYTES);
  } catch {
    return false;
  }
}

/** A page's request at the background's edge: its shape, and size and depth (T12). */
export function parseRelayRequest(raw: unknown): RelayRequest | undefined {
  // The common shape takes the hand-written check (protocol/guards.ts says why), which looks
  // at no more than the top level. Without params it is a few bytes: nothing more to measure.
  if (isRelayRequest(raw)) return raw.params === undefined || withinPageLimits(raw) ? raw : undefined;
  // The schema walks the whole value, so the limits come first.
  if (!withinPageLimits(raw)) return undefined;
  const parsed = RelayRequestSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
