import { MAX_JSON_DEPTH, MAX_PAGE_MESSAGE_BYTES } from "../../protocol/constants.js";
import { valueDepth } from "../../protocol/json.js";

/**
 * The background's own size and depth check on a relay message (T12). The relay checks the
 * same, but layer 1 does not rely on a content script that shares a renderer with the page.
 * The depth is measured first, so JSON.stringify never recurses into a hostile structure.
 */
export function withinPageLimits(raw: unknown): boolean {
  if (valueDepth(raw, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return false;
  try {
    return JSON.stringify(raw).length <= MAX_PAGE_MESSAGE_BYTES;
  } catch {
    return false;
  }
}
