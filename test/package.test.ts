import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { lintFirefox } from "../scripts/lib/webExt.mjs";
import { zipEntries } from "./support/zipEntries.js";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
const CHROME_ZIP = `dist/packages/vaughan-chrome-${version}.zip`;
const FIREFOX_XPI = `dist/packages/vaughan-firefox-${version}.xpi`;

/** `npm run package`: the store packages from the build, and the Firefox lint AMO runs. */
describe("release packages", () => {
  let run: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    run = await new Promise((done) =>
      execFile(process.execPath, ["scripts/package.mjs"], { timeout: 120_000 }, (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
      ),
    );
  }, 150_000);

  it("web-ext lint finds nothing in the Firefox build", async () => {
    const lint = await lintFirefox("dist/firefox");
    expect([...lint.errors, ...lint.warnings, ...lint.notices].map((m) => `${m.code}: ${m.message}`)).toEqual(
      [],
    );
  }, 60_000);

  it("writes a Chrome Web Store zip of the build without the development key", () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(CHROME_ZIP);
    const files = zipEntries(CHROME_ZIP);
    expect([...files.keys()].sort()).toEqual(readdirSync("dist/chrome").sort());
    const manifest = JSON.parse((files.get("manifest.json") as Buffer).toString("utf8"));
    const built = JSON.parse(readFileSync("dist/chrome/manifest.json", "utf8"));
    expect(built.key).toBeTypeOf("string");
    const { key: _key, ...withoutKey } = built;
    expect(manifest).toEqual(withoutKey);
    expect((files.get("background.js") as Buffer).equals(readFileSync("dist/chrome/background.js"))).toBe(
      true,
    );
  });

  it("writes the Firefox .xpi of the build, with its add-on id and data-collection consent", () => {
    expect(run.stdout).toContain(FIREFOX_XPI);
    const files = zipEntries(FIREFOX_XPI);
    expect([...files.keys()].sort()).toEqual(readdirSync("dist/firefox").sort());
    const manifest = JSON.parse((files.get("manifest.json") as Buffer).toString("utf8"));
    expect(manifest).toEqual(JSON.parse(readFileSync(join("dist/firefox", "manifest.json"), "utf8")));
    expect(manifest.browser_specific_settings.gecko).toMatchObject({
      id: "wallet@vaughan.io",
      data_collection_permissions: { required: ["none"] },
    });
  });
});
