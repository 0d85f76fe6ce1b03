import { readdirSync, readFileSync, statSync } from "node:fs";
import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";
import { DEV_EXTENSION_ID } from "../protocol/extensionId.js";
// @ts-expect-error: a plain .mjs helper shared with build.mjs
import { checkBoundaries } from "../scripts/boundaries.mjs";

const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const manifest = (browser: string) => JSON.parse(readFileSync(`dist/${browser}/manifest.json`, "utf8"));

async function metafileOf(entry: string, platform: "node" | "browser" = "browser") {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform,
    format: "esm",
    logLevel: "silent",
  });
  return result.metafile;
}

/** What `npm run build` produced (npm test builds first) and the rules it enforces. */
describe("build outputs", () => {
  it("stamps the Chrome manifest with the package version and the committed key", () => {
    const chrome = manifest("chrome");
    expect(chrome.version).toBe(pkg.version);
    expect(chrome.manifest_version).toBe(3);
    expect(chrome.background).toEqual({ service_worker: "background.js", type: "module" });
    expect(typeof chrome.key).toBe("string");
    expect(chrome.web_accessible_resources).toBeUndefined();
    expect(chrome.content_security_policy.extension_pages).toContain("frame-ancestors 'none'");
    const main = chrome.content_scripts.find((c: { world?: string }) => c.world === "MAIN");
    expect(main).toMatchObject({ js: ["inpage.js"], run_at: "document_start" });
    expect(DEV_EXTENSION_ID).toMatch(/^[a-p]{32}$/);
  });

  it("asks for no more than it uses: activeTab (the popup reads its tab's URL once opened), never tabs", () => {
    // favicon: the approval window shows the site's icon from Chromium's own cache; Firefox has no such API.
    expect(manifest("chrome").permissions).toEqual([
      "favicon",
      "nativeMessaging",
      "scripting",
      "storage",
      "activeTab",
    ]);
    expect(manifest("firefox").permissions).toEqual(["nativeMessaging", "scripting", "storage", "activeTab"]);
  });

  it("writes a Firefox manifest: background scripts, gecko id, no key", () => {
    const firefox = manifest("firefox");
    expect(firefox.key).toBeUndefined();
    expect(firefox.background.scripts).toEqual(["background.js"]);
    expect(firefox.browser_specific_settings.gecko.id).toBe("wallet@vaughan.io");
    expect(firefox.version).toBe(pkg.version);
  });

  it("keeps the page script small and free of zod", () => {
    const inpage = readFileSync("dist/chrome/inpage.js", "utf8");
    expect(inpage.length).toBeLessThan(10 * 1024);
    expect(inpage).not.toMatch(/ZodError|\$ZodType/);
  });

  it("writes the host as its entry, with the CLI in a bundle of its own beside it", () => {
    expect(readdirSync("dist/host").sort()).toEqual(["vaughan-cli.mjs", "vaughan-host.mjs"]);
    const entry = readFileSync("dist/host/vaughan-host.mjs", "utf8");
    expect(entry.startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(statSync("dist/host/vaughan-host.mjs").mode & 0o755).toBe(0o755);
    // What a browser connection parses: no zod, no viem, no wallet; the CLI comes by import().
    expect(entry.length).toBeLessThan(64 * 1024);
    expect(entry).not.toMatch(/ZodError|node_modules\/viem|secp256k1/);
    expect(entry).toContain("vaughan-cli.mjs");
    expect(readFileSync("dist/host/vaughan-cli.mjs", "utf8")).toMatch(/ZodError/);
  });

  it("fails a bundle that crosses a boundary", async () => {
    // The host's entry must not pull in extension code, zod or viem; the page script no zod.
    const hostEntry = await metafileOf("native-host/src/main.ts", "node");
    expect(
      checkBoundaries({ name: "host", rules: ["no-extension", "no-zod", "no-viem"] }, hostEntry),
    ).toEqual([]);
    const cli = await metafileOf("native-host/src/cli.ts", "node");
    expect(checkBoundaries({ name: "bad", rules: ["no-zod", "no-viem"] }, cli).length).toBeGreaterThan(1);
    const background = await metafileOf("extension/background/index.ts");
    expect(checkBoundaries({ name: "background", rules: ["no-host"] }, background)).toEqual([]);
    expect(checkBoundaries({ name: "bad", rules: ["no-zod"] }, background).length).toBeGreaterThan(0);
    expect(checkBoundaries({ name: "bad", rules: ["no-extension"] }, background).length).toBeGreaterThan(0);
    const protocolLeak = { inputs: { "protocol/x.ts": { imports: [{ path: "node:fs" }] } } };
    expect(checkBoundaries({ name: "any", rules: [] }, protocolLeak)).toEqual([
      "protocol/ must stay runtime-neutral: protocol/x.ts imports node:fs",
    ]);
  });
});
