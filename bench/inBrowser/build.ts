import { cpSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { EXTENSION_DIR } from "../../test/support/browser.js";

/**
 * dist/chrome with its background rebuilt around bench/inBrowser/backgroundHost.ts instead of
 * native messaging, written to `dir`: the extension's in-browser part alone. Same options as
 * build.mjs's browser bundles.
 */
export async function buildInBrowserExtension(dir: string): Promise<string> {
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const result = await build({
    entryPoints: ["extension/background/index.ts"],
    bundle: true,
    platform: "browser",
    target: ["chrome120"],
    format: "esm",
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "error",
    plugins: [
      {
        name: "host-in-background",
        setup(b) {
          b.onResolve({ filter: /\/nativeTransport\.js$/ }, () => ({
            path: resolve("bench/inBrowser/backgroundHost.ts"),
          }));
        },
      },
    ],
  });
  writeFileSync(join(dir, "background.js"), result.outputFiles[0]?.text ?? "");
  return dir;
}
