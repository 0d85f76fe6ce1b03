import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEV_EXTENSION_ID } from "../../protocol/extensionId.js";
import { applyInstall } from "./apply.js";
import { type InstallOptions, planInstall } from "./plan.js";
import { explain, parseLauncher, registrationStatus } from "./status.js";

const linuxOnly = process.platform === "linux" ? describe : describe.skip;

let tmp: string;
let opts: InstallOptions;
let manifest: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vaughan-status-"));
  const hostScript = path.join(tmp, "vaughan-host.mjs");
  fs.writeFileSync(hostScript, "");
  opts = {
    platform: "linux",
    homedir: path.join(tmp, "HOME"),
    home: path.join(tmp, "data"),
    env: {},
    browsers: ["chromium"],
    nodePath: fs.realpathSync(process.execPath),
    hostScript,
    exists: () => false,
  };
  manifest = path.join(tmp, "HOME", ".config", "chromium", "NativeMessagingHosts", "io.vaughan.host.json");
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function edit(change: (m: Record<string, unknown>) => void): void {
  const m = JSON.parse(fs.readFileSync(manifest, "utf8"));
  change(m);
  fs.writeFileSync(manifest, JSON.stringify(m));
}

linuxOnly("registrationStatus", () => {
  it("reports a fresh install as ok, with the node version", () => {
    applyInstall(planInstall(opts));
    const [r] = registrationStatus(opts);
    expect(r).toMatchObject({
      browser: "chromium",
      manifestPath: manifest,
      exists: true,
      parses: true,
      nameMatches: true,
      pathAbsolute: true,
      pathExecutable: true,
      originListed: true,
      nodeRuns: true,
      nodeVersion: process.version,
      hostScriptExists: true,
      problems: [],
      ok: true,
    });
  });

  it("catches an origin without its trailing slash", () => {
    applyInstall(planInstall(opts));
    edit((m) => {
      m.allowed_origins = [`chrome-extension://${DEV_EXTENSION_ID}`];
    });
    const [r] = registrationStatus(opts);
    expect(r?.originListed).toBe(false);
    expect(r?.problems).toEqual([
      `allowed_origins lacks chrome-extension://${DEV_EXTENSION_ID}/; run \`vaughan-host install --browser chromium\` with the right id`,
    ]);
  });

  it("catches another extension id", () => {
    applyInstall(planInstall({ ...opts, extensionIds: ["a".repeat(32)] }));
    expect(registrationStatus(opts)[0]?.originListed).toBe(false);
    expect(registrationStatus({ ...opts, extensionIds: ["a".repeat(32)] })[0]?.ok).toBe(true);
  });

  it("catches a missing, unparseable or foreign manifest", () => {
    expect(registrationStatus(opts)[0]).toMatchObject({ exists: false, ok: false });
    applyInstall(planInstall(opts));
    fs.writeFileSync(manifest, "{");
    expect(registrationStatus(opts)[0]).toMatchObject({ exists: true, parses: false, ok: false });
    fs.writeFileSync(manifest, '{"name":"other"}');
    expect(registrationStatus(opts)[0]).toMatchObject({ parses: true, nameMatches: false, ok: false });
  });

  it("catches a launcher that is not executable or names a node that is gone", () => {
    applyInstall(planInstall(opts));
    const launcher = path.join(tmp, "data", "bin", "vaughan-host.sh");
    fs.chmodSync(launcher, 0o644);
    expect(registrationStatus(opts)[0]).toMatchObject({ pathExecutable: false, ok: false });
    fs.chmodSync(launcher, 0o755);
    fs.writeFileSync(launcher, fs.readFileSync(launcher, "utf8").replace(opts.nodePath, "/nonexistent/node"));
    const [r] = registrationStatus(opts);
    expect(r).toMatchObject({
      pathExecutable: true,
      nodePath: "/nonexistent/node",
      nodeRuns: false,
      ok: false,
    });
    expect(r?.problems[0]).toContain("node /nonexistent/node does not run");
  });

  it("auto covers browsers found plus existing registrations", () => {
    expect(registrationStatus({ ...opts, browsers: "auto" })).toEqual([]);
    applyInstall(planInstall(opts));
    expect(registrationStatus({ ...opts, browsers: "auto" }).map((r) => r.browser)).toEqual(["chromium"]);
    const found = path.join(tmp, "HOME", ".mozilla", "firefox");
    const withFirefox = registrationStatus({ ...opts, browsers: "auto", exists: (p) => p === found });
    expect(withFirefox.map((r) => [r.browser, r.ok])).toEqual([
      ["chromium", true],
      ["firefox", false],
    ]);
  });
});

describe("parseLauncher", () => {
  it("reads back both launcher formats", () => {
    expect(parseLauncher('#!/bin/sh\nexec "/a/\\$b/node" "/h.mjs" "$@"\n')).toEqual({
      node: "/a/$b/node",
      script: "/h.mjs",
    });
    expect(parseLauncher('@echo off\r\n"C:\\n\\node.exe" "C:\\50%%\\h.mjs" %*\r\n')).toEqual({
      node: "C:\\n\\node.exe",
      script: "C:\\50%\\h.mjs",
    });
    expect(parseLauncher("#!/usr/bin/env node\n")).toBeUndefined();
  });
});

describe("explain", () => {
  it("explains Chrome's two registration errors with the fix", () => {
    expect(explain("Specified native messaging host not found.")).toBe(
      "The browser found no valid io.vaughan.host manifest for this profile: none was installed, it sits in another browser's or profile's folder, or it is invalid (a missing trailing slash in allowed_origins is enough). Fix: run `vaughan-host install --browser BROWSER` (add `--user-data-dir DIR` for a custom profile), then `vaughan-host status`.",
    );
    expect(explain("Access to the specified native messaging host is forbidden.")).toBe(
      "The manifest exists but its allowed_origins does not list this extension's id. Fix: run `vaughan-host install --extension-id ID` with the id shown on chrome://extensions.",
    );
  });

  it("explains the other native-messaging errors and nothing else", () => {
    for (const m of [
      "Failed to start native messaging host.",
      "Native host has exited.",
      "Error when communicating with the native messaging host.",
    ]) {
      expect(explain(`Error: ${m}`)).toMatch(/Fix: /);
    }
    expect(explain("Could not establish connection. Receiving end does not exist.")).toBeUndefined();
  });
});
