/**
 * Which browser runs the extension, from the scheme of its own origin. Not from the presence of
 * a `browser` global: Chromium defines one too (seen in Chromium 156), and the host would be told
 * "firefox" by a Chromium browser.
 */
export function browserName(extensionOrigin: string): "chromium" | "firefox" {
  return extensionOrigin.startsWith("moz-extension:") ? "firefox" : "chromium";
}
