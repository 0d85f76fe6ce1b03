/**
 * The background's first import, on purpose: it opens native messaging before the rest of the
 * worker (its schemas above all) loads. See `openEarlyNativePort`.
 */
import browser from "webextension-polyfill";
import type { Hello } from "../../protocol/messages.js";
import { browserName } from "./browserName.js";
import { extensionHello, openEarlyNativePort } from "./nativePort.js";

const origin = new URL(browser.runtime.getURL("")).origin;
/** What this extension says first on every native port, the early one and any later one. */
export const NATIVE_HELLO: Hello = extensionHello({
  extension: browser.runtime.getManifest().version,
  browser: browserName(origin),
  origin,
});
openEarlyNativePort(NATIVE_HELLO);
