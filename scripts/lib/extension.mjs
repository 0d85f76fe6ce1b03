// What a person needs to load the unpacked extension: its folder, its id, and per-browser steps.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** dist/chrome: the unpacked extension for Chromium browsers. */
export const CHROME_DIR = fileURLToPath(new URL("../../dist/chrome", import.meta.url));
/** dist/firefox: the same extension for Firefox. */
export const FIREFOX_DIR = fileURLToPath(new URL("../../dist/firefox", import.meta.url));

/**
 * The extension id Chromium derives from the manifest's `key`: the first 32 hex digits of
 * sha256(DER public key), with 0–f mapped to a–p. Computed, not copied, so a changed key shows.
 * @returns {string}
 */
export function extensionId() {
  const manifest = JSON.parse(readFileSync(`${CHROME_DIR}/manifest.json`, "utf8"));
  const hex = createHash("sha256").update(Buffer.from(manifest.key, "base64")).digest("hex").slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join("");
}

const EXTENSIONS_PAGE = {
  chrome: "chrome://extensions",
  "chrome-beta": "chrome://extensions",
  "chrome-dev": "chrome://extensions",
  chromium: "chrome://extensions",
  brave: "brave://extensions",
  edge: "edge://extensions",
  "edge-beta": "edge://extensions",
  "edge-dev": "edge://extensions",
  vivaldi: "vivaldi://extensions",
  opera: "opera://extensions",
};

/**
 * One line of loading steps per browser id (as `vaughan-host install` names them).
 * @param {string[]} browsers
 * @returns {string[]}
 */
export function loadSteps(browsers) {
  return browsers.map((b) =>
    b === "firefox"
      ? `  firefox: open about:debugging#/runtime/this-firefox → Load Temporary Add-on… → ${FIREFOX_DIR}/manifest.json`
      : `  ${b}: open ${EXTENSIONS_PAGE[b] ?? "chrome://extensions"} → turn on Developer mode → Load unpacked → ${CHROME_DIR}`,
  );
}
