// Builds every bundle from one declarative list of targets, writes the Chrome and Firefox
// extensions, and fails when a bundle crosses an architectural boundary (ARCHITECTURE.md).
import { createHash } from "node:crypto";
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as esbuild from "esbuild";
import { checkBoundaries } from "./scripts/boundaries.mjs";

const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const watch = process.argv.includes("--watch");

const browserBase = {
  bundle: true,
  platform: "browser",
  target: ["chrome120", "firefox128"],
  minify: true,
  legalComments: "none",
};
const pages = ["approval", "popup", "options"];

/** Every bundle: where it comes from, what it is, and which extension folders receive it. */
const targets = [
  {
    name: "inpage",
    entry: "extension/content/inpage.ts",
    out: "inpage.js",
    format: "iife",
    ext: true,
    rules: ["no-zod", "no-host"],
  },
  {
    name: "relay",
    entry: "extension/content/relay.ts",
    out: "relay.js",
    format: "iife",
    ext: true,
    rules: ["no-zod", "no-host"],
  },
  {
    name: "background",
    entry: "extension/background/index.ts",
    out: "background.js",
    format: "esm",
    ext: true,
    rules: ["no-host"],
  },
  ...pages.map((page) => ({
    name: page,
    entry: `extension/ui/${page}.ts`,
    out: `${page}.js`,
    format: "esm",
    ext: true,
    rules: ["no-host"],
  })),
  {
    name: "host",
    entry: "native-host/src/main.ts",
    out: "host/vaughan-host.mjs",
    format: "esm",
    ext: false,
    rules: ["no-extension"],
  },
];

const hostOptions = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  // ws and other CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __vaughanRequire } from 'node:module'; const require = __vaughanRequire(import.meta.url);",
  },
  legalComments: "none",
};

function optionsFor(target) {
  const common = { entryPoints: [target.entry], metafile: true, logLevel: "warning" };
  if (!target.ext) return { ...common, ...hostOptions, outfile: join("dist", target.out) };
  return { ...common, ...browserBase, format: target.format, outfile: join("dist", "chrome", target.out) };
}

/** Every extension page is the same shell around its own bundle; the bundle renders the rest. */
function pageHtml(page) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Vaughan</title>
    <link rel="stylesheet" href="ui.css" />
    <script type="module" src="${page}.js"></script>
  </head>
  <body class="${page}">
    <main id="app">Loading…</main>
  </body>
</html>
`;
}

function extensionId(key) {
  const hash = createHash("sha256").update(Buffer.from(key, "base64")).digest("hex").slice(0, 32);
  return [...hash].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join("");
}

function writeExtensions() {
  const source = JSON.parse(readFileSync("extension/manifest.json", "utf8"));
  const idFile = readFileSync("protocol/extensionId.ts", "utf8");
  const id = extensionId(source.key);
  if (!idFile.includes(`"${id}"`))
    throw new Error(`protocol/extensionId.ts does not hold the id of the manifest key (${id})`);
  const chrome = { ...source, version: pkg.version };
  const dir = "dist/chrome";
  for (const page of pages) writeFileSync(join(dir, `${page}.html`), pageHtml(page));
  cpSync("extension/ui/ui.css", join(dir, "ui.css"));
  writeFileSync(join(dir, "manifest.json"), `${JSON.stringify(chrome, null, 2)}\n`);

  // Firefox: the same files; background scripts instead of a service worker, a gecko id, no key.
  const firefoxDir = "dist/firefox";
  rmSync(firefoxDir, { recursive: true, force: true });
  cpSync(dir, firefoxDir, { recursive: true });
  const { key: _key, background: _background, ...rest } = chrome;
  const firefox = {
    ...rest,
    background: { scripts: ["background.js"], type: "module" },
    browser_specific_settings: { gecko: { id: "wallet@vaughan.io", strict_min_version: "128.0" } },
  };
  writeFileSync(join(firefoxDir, "manifest.json"), `${JSON.stringify(firefox, null, 2)}\n`);
}

async function build() {
  rmSync("dist", { recursive: true, force: true });
  mkdirSync("dist/chrome", { recursive: true });
  const results = await Promise.all(targets.map((t) => esbuild.build(optionsFor(t)).then((r) => [t, r])));
  const errors = results.flatMap(([t, r]) => checkBoundaries(t, r.metafile));
  if (errors.length > 0) throw new Error(`boundary check failed:\n  ${errors.join("\n  ")}`);
  chmodSync("dist/host/vaughan-host.mjs", 0o755);
  writeExtensions();
  const inpageBytes = readFileSync("dist/chrome/inpage.js").length;
  console.log(`built dist/chrome, dist/firefox, dist/host (inpage.js ${inpageBytes} bytes)`);
}

if (watch) {
  await build();
  for (const target of targets) {
    const ctx = await esbuild.context({
      ...optionsFor(target),
      plugins: [
        {
          name: "rewrite",
          setup: (b) =>
            b.onEnd(() => {
              try {
                writeExtensions();
              } catch (e) {
                console.error(e.message);
              }
            }),
        },
      ],
    });
    await ctx.watch();
  }
  console.log("watching for changes…");
} else {
  await build();
}
void dirname;
