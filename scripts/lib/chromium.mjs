// How Vaughan starts Debian's Chromium with the unpacked extension (docs/testing.md), shared
// by the tests, the benchmarks and the demo so the three never drift apart.

/** The Chromium binary: `CHROMIUM_PATH`, else Debian's. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Command-line flags for a Chromium with only our extension loaded and nothing leaving the
 * machine: every host name resolves nowhere except the loopback ones, and the background
 * services that would call out are off. Pair with `ignoreDefaultArgs: ["--disable-extensions"]`:
 * Playwright disables extensions by default, and then the wallet silently does not load.
 * @param {string} extensionDir
 * @returns {string[]}
 */
export function chromiumArgs(extensionDir) {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
  ];
}
