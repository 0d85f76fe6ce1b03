import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_EXTENSION_ID } from "../protocol/extensionId.js";
import type { HostResult, TempDirs } from "./support/host.js";
import { tempDirs } from "./support/host.js";
import { NativeClient } from "./support/nativeClient.js";

/**
 * The host as a user installs it from the package: `npm pack`, then `npm install -g` of the
 * tarball into a temporary prefix, offline (the host bundles everything it runs, so the package
 * has no dependencies to fetch), with npm's cache, config and HOME all inside the test's folder.
 */
describe("npm install -g of the packed host", () => {
  let dirs: TempDirs;
  let env: NodeJS.ProcessEnv;
  let bin: string;
  let relay: NativeClient | undefined;

  const run = (file: string, args: string[], cwd = dirs.root): Promise<HostResult> =>
    new Promise((done) =>
      execFile(file, args, { cwd, env, timeout: 120_000 }, (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
      ),
    );

  beforeAll(() => {
    dirs = tempDirs();
    mkdirSync(dirs.fakeHome, { recursive: true });
    const npmrc = join(dirs.root, "npmrc");
    writeFileSync(npmrc, "");
    env = {
      PATH: process.env.PATH,
      HOME: dirs.fakeHome,
      VAUGHAN_HOME: dirs.home,
      npm_config_cache: join(dirs.root, "npm-cache"),
      npm_config_userconfig: npmrc,
      npm_config_update_notifier: "false",
      npm_config_audit: "false",
      npm_config_fund: "false",
    };
    bin = join(dirs.root, "prefix", "bin", "vaughan-host");
  });
  afterAll(async () => {
    await relay?.close();
    await dirs.cleanup();
  });

  it("packs the host alone and installs it with nothing to download", async () => {
    const pack = await run("npm", ["pack", "--pack-destination", dirs.root, "--json"], process.cwd());
    expect(pack.code).toBe(0);
    const [packed] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    // The host program's folder (its entry and whatever it loads beside it), nothing else.
    const files = packed?.files.map((f) => f.path) ?? [];
    expect(files).toContain("dist/host/vaughan-host.mjs");
    expect(files.filter((f) => !f.startsWith("dist/host/")).sort()).toEqual(["README.md", "package.json"]);
    const install = await run("npm", [
      "install",
      "-g",
      join(dirs.root, packed?.filename ?? ""),
      "--prefix",
      join(dirs.root, "prefix"),
      "--offline",
    ]);
    expect(install.stderr).toBe("");
    expect(install.code).toBe(0);
  }, 120_000);

  it("registers the installed program, creates a wallet, and reports status", async () => {
    const profile = join(dirs.root, "profile");
    const registered = await run(bin, ["install", "--browser", "chromium", "--user-data-dir", profile]);
    expect(registered.code).toBe(0);
    const manifest = JSON.parse(
      readFileSync(join(profile, "NativeMessagingHosts", "io.vaughan.host.json"), "utf8"),
    );
    const launcher = readFileSync(manifest.path, "utf8");
    expect(launcher).toContain(
      join(dirs.root, "prefix", "lib", "node_modules", "vaughan", "dist", "host", "vaughan-host.mjs"),
    );

    const password = join(dirs.root, "pw");
    writeFileSync(password, "a long enough password\n");
    const init = await run(bin, ["init", "--password-file", password, "--no-show-phrase"]);
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/^0x[0-9a-fA-F]{40}\n$/);

    // The browser's way in: the launcher install wrote, as Chromium runs it, starts the daemon.
    relay = new NativeClient([`chrome-extension://${DEV_EXTENSION_ID}/`], env, manifest.path);
    relay.send({ v: 1, type: "hello", extension: "test", browser: "chromium" });
    await relay.next((m) => m.type === "hello");
    const status = JSON.parse((await run(bin, ["status", "--json"])).stdout);
    expect(status).toMatchObject({ running: true, locked: true, hasVault: true, home: dirs.home });
  }, 60_000);
});
