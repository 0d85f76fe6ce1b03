// Builds every bundle from one declarative list of targets, writes the Chrome and Firefox
// extensions, and fails when a bundle crosses an architectural boundary (docs/architecture.md).
import { createHash } from "node:crypto";
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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
/**
 * Every page links the design tokens, then the shared components, then its own layout
 * (extension/ui/theme.css says which names are stable).
 */
const sharedStyles = ["theme.css", "components.css"];
const pageStyles = { approval: "approval.css", popup: "popup.css", options: "options.css" };

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
    name: "compat-off",
    entry: "extension/content/compatOff.ts",
    out: "compat-off.js",
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
];

/**
 * The host is two bundles in dist/host/: the entry, which a browser runs on every connection as
 * the relay and which must stay free of zod and viem so that it starts fast, and the CLI with the
 * daemon beside it, which the entry imports only for a CLI command (native-host/src/main.ts).
 */
const HOST_DIR = "dist/host";
const hostParts = [
  {
    name: "host",
    entry: "native-host/src/main.ts",
    out: "vaughan-host.mjs",
    rules: ["no-extension", "no-zod", "no-viem"],
    // Run directly (`node dist/host/vaughan-host.mjs`, the npm bin): a shebang and mode 0755.
    bin: true,
    banner: "#!/usr/bin/env node",
  },
  {
    name: "host-cli",
    entry: "native-host/src/cli.ts",
    // The name main.ts imports.
    out: "vaughan-cli.mjs",
    rules: ["no-extension"],
    // Bundled CommonJS packages (ws) call `require` for Node's modules, which ESM lacks.
    banner: 'import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);',
  },
];

function optionsFor(target) {
  const common = { entryPoints: [target.entry], metafile: true, logLevel: "warning" };
  return { ...common, ...browserBase, format: target.format, outfile: join("dist", "chrome", target.out) };
}

function hostOptionsFor(part) {
  return {
    entryPoints: [part.entry],
    metafile: true,
    logLevel: "warning",
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    legalComments: "none",
    outfile: join(HOST_DIR, part.out),
    banner: { js: part.banner },
    // ws tries these native speed-ups and does without them; the test-only dApp kits pull them
    // into node_modules, and the host must not start bundling them (it ships as plain JavaScript).
    external: ["bufferutil", "utf-8-validate"],
  };
}

async function buildHost() {
  const results = await Promise.all(hostParts.map((part) => esbuild.build(hostOptionsFor(part))));
  for (const part of hostParts) if (part.bin) chmodSync(join(HOST_DIR, part.out), 0o755);
  return hostParts.flatMap((part, i) => checkBoundaries(part, results[i].metafile));
}

/** Every extension page is the same shell around its own bundle; the bundle renders the rest. */
function pageHtml(page) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Vaughan</title>
${[...sharedStyles, pageStyles[page]].map((css) => `    <link rel="stylesheet" href="${css}" />`).join("\n")}
    <script type="module" src="${page}.js"></script>
  </head>
  <body class="${page}">
    <main id="app">Loading…</main>
  </body>
</html>
`;
}

/** Permissions Firefox does not know (web-ext lint would flag them). */
const CHROMIUM_ONLY_PERMISSIONS = new Set(["favicon"]);

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
  for (const css of new Set([...sharedStyles, ...Object.values(pageStyles)]))
    cpSync(join("extension/ui", css), join(dir, css));
  writeFileSync(join(dir, "manifest.json"), `${JSON.stringify(chrome, null, 2)}\n`);

  // Firefox: the same files; background scripts instead of a service worker, a gecko id, no key.
  const firefoxDir = "dist/firefox";
  rmSync(firefoxDir, { recursive: true, force: true });
  cpSync(dir, firefoxDir, { recursive: true });
  const { key: _key, background: _background, permissions, ...rest } = chrome;
  const firefox = {
    ...rest,
    // Firefox has no favicon API (Chromium's `_favicon`): the approval window shows the initial.
    permissions: permissions.filter((p) => !CHROMIUM_ONLY_PERMISSIONS.has(p)),
    background: { scripts: ["background.js"], type: "module" },
    browser_specific_settings: {
      // 140 (ESR) and 142 (Android) are the first to know data_collection_permissions.
      gecko: {
        id: "wallet@vaughan.io",
        strict_min_version: "140.0",
        // Firefox's data-collection consent: nothing leaves the computer but the user's own
        // chain RPC calls (https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/).
        data_collection_permissions: { required: ["none"] },
      },
      gecko_android: { strict_min_version: "142.0" },
    },
  };
  writeFileSync(join(firefoxDir, "manifest.json"), `${JSON.stringify(firefox, null, 2)}\n`);
}

async function build() {
  rmSync("dist", { recursive: true, force: true });
  mkdirSync("dist/chrome", { recursive: true });
  const [hostErrors, ...results] = await Promise.all([
    buildHost(),
    ...targets.map((t) => esbuild.build(optionsFor(t)).then((r) => [t, r])),
  ]);
  const errors = [...hostErrors, ...results.flatMap(([t, r]) => checkBoundaries(t, r.metafile))];
  if (errors.length > 0) throw new Error(`boundary check failed:\n  ${errors.join("\n  ")}`);
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
  for (const part of hostParts) {
    const ctx = await esbuild.context({
      ...hostOptionsFor(part),
      plugins: [
        {
          name: "check-host",
          setup: (b) =>
            b.onEnd((result) => {
              if (result.errors.length > 0) return;
              const errors = checkBoundaries(part, result.metafile);
              if (errors.length > 0) return console.error(errors.join("\n"));
              if (part.bin) chmodSync(join(HOST_DIR, part.out), 0o755);
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
