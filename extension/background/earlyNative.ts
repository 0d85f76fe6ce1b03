/**
 * The background's first import, on purpose: it opens native messaging before the rest of the
 * worker (its schemas above all) loads. See `openEarlyNativePort`.
 */
import browser from "webextension-polyfill";
import { browserName } from "./browserName.js";
import { extensionHello, openEarlyNativePort } from "./nativePort.js";

const origin = new URL(browser.runtime.getURL("")).origin;
openEarlyNativePort(
  extensionHello({ extension: browser.runtime.getManifest().version, browser: browserName(origin), origin }),
);
