// `npm run package` (after `npm run build`): the store packages in dist/packages/ — a zip for
// the Chrome Web Store and an unsigned .xpi for Firefox — each from the built extension, with
// Firefox's copy linted as addons.mozilla.org lints it. README: "Releases" says how to sign.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lintFirefox, zipExtension } from "./lib/webExt.mjs";

const OUT = "dist/packages";
const { version } = JSON.parse(readFileSync("package.json", "utf8"));

for (const dir of ["dist/chrome", "dist/firefox"]) {
  try {
    readFileSync(join(dir, "manifest.json"));
  } catch {
    console.error(`package: ${dir} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
}

const lint = await lintFirefox("dist/firefox");
for (const m of [...lint.errors, ...lint.warnings])
  console.error(`${m._type}: ${m.code} ${m.file ?? ""} ${m.message}`);
if (lint.errors.length + lint.warnings.length > 0) {
  console.error("package: web-ext lint is not clean");
  process.exit(1);
}

// The Chrome Web Store refuses a manifest `key` (it signs with its own, so the store build's id
// differs from the development one: register it with `vaughan-host install --extension-id ID`).
const staging = mkdtempSync(join(tmpdir(), "vaughan-package-"));
try {
  cpSync("dist/chrome", staging, { recursive: true });
  const { key: _key, ...manifest } = JSON.parse(readFileSync(join(staging, "manifest.json"), "utf8"));
  writeFileSync(join(staging, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const chrome = await zipExtension(staging, OUT, `vaughan-chrome-${version}.zip`);
  const firefox = await zipExtension("dist/firefox", OUT, `vaughan-firefox-${version}.xpi`);
  console.log(`${chrome}\n${firefox}`);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
