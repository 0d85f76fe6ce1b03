import type browser from "webextension-polyfill";
import { isWebOrigin } from "../../protocol/origin.js";

/**
 * The requesting frame's origin, from the browser: `sender.origin` (Chrome), else the origin
 * of `sender.url` (Firefox). A frame's own origin, never its top page's: a third-party iframe is
 * its own site (T8). Undefined for opaque, `null` and non-http(s) origins, which get no service.
 */
export function originOf(sender: browser.Runtime.MessageSender | undefined): string | undefined {
  if (!sender) return undefined;
  let origin = (sender as { origin?: string }).origin;
  if (origin === undefined && sender.url) {
    try {
      origin = new URL(sender.url).origin;
    } catch {
      return undefined;
    }
  }
  return origin !== undefined && isWebOrigin(origin) ? origin : undefined;
}
