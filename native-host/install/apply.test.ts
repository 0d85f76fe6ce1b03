import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEV_EXTENSION_ID, GECKO_ID } from "../../protocol/extensionId.js";
import { applyInstall, applyUninstall, readRegistryDefault } from "./apply.js";
import { type InstallOptions, planInstall, planUninstall } from "./plan.js";

const linuxOnly = process.platform === "linux" ? describe : describe.skip;

let tmp: string;
let opts: InstallOptions;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vaughan-install-"));
  const hostScript = path.join(tmp, "dist", "vaughan-host.mjs");
  fs.mkdirSync(path.dirname(hostScript));
  // Stands in for the host: proves the launcher reaches node with the browser's arguments.
  fs.writeFileSync(hostScript, 'process.stdout.write("ok " + process.argv.slice(2).join(" "));\n');
  opts = {
    platform: "linux",
    homedir: path.join(tmp, "HOME"),
    home: path.join(tmp, "HOME", ".config", "vaughan"),
    env: {},
    browsers: ["chromium", "firefox"],
    userDataDirs: [],
    nodePath: fs.realpathSync(process.execPath),
    hostScript,
  };
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const chromiumManifest = (): string =>
  path.join(tmp, "HOME", ".config", "chromium", "NativeMessagingHosts", "io.vaughan.host.json");
const firefoxManifest = (): string =>
  path.join(tmp, "HOME", ".mozilla", "native-messaging-hosts", "io.vaughan.host.json");
const launcher = (): string => path.join(tmp, "HOME", ".config", "vaughan", "bin", "vaughan-host.sh");
const mode = (p: string): number => fs.statSync(p).mode & 0o777;

linuxOnly("applyInstall on Linux (real files in a temporary HOME)", () => {
  it("writes parseable manifests, an executable launcher that runs the host", () => {
    const result = applyInstall(planInstall(opts));
    expect(result.written).toEqual([launcher(), chromiumManifest(), firefoxManifest()]);
    const chromium = JSON.parse(fs.readFileSync(chromiumManifest(), "utf8"));
    expect(chromium).toEqual({
      name: "io.vaughan.host",
      description: "Vaughan wallet host",
      path: launcher(),
      type: "stdio",
      allowed_origins: [`chrome-extension://${DEV_EXTENSION_ID}/`],
    });
    expect(JSON.parse(fs.readFileSync(firefoxManifest(), "utf8")).allowed_extensions).toEqual([GECKO_ID]);
    expect(mode(chromiumManifest())).toBe(0o644);
    expect(mode(launcher())).toBe(0o755);
    // Run it the way Chrome does: the manifest's path, the caller origin as first argument.
    const origin = `chrome-extension://${DEV_EXTENSION_ID}/`;
    expect(execFileSync(chromium.path, [origin], { encoding: "utf8", env: {} })).toBe(`ok ${origin}`);
  });

  it("starts the relay without NODE_EXTRA_CA_CERTS and keeps it for the daemon", () => {
    applyInstall(planInstall(opts));
    fs.writeFileSync(
      opts.hostScript,
      "process.stdout.write(JSON.stringify([process.env.NODE_EXTRA_CA_CERTS, process.env.VAUGHAN_EXTRA_CA_CERTS]));\n",
    );
    const run = (env: NodeJS.ProcessEnv) =>
      JSON.parse(execFileSync(launcher(), ["x"], { encoding: "utf8", env }).replaceAll("undefined", "null"));
    const certs = path.join(tmp, "my certs $HOME.pem");
    expect(run({ NODE_EXTRA_CA_CERTS: certs })).toEqual([null, certs]);
    expect(run({})).toEqual([null, null]);
  });

  it("writes into --user-data-dir profiles", () => {
    const profile = path.join(tmp, "profile");
    applyInstall(planInstall({ ...opts, browsers: ["chromium"], userDataDirs: [profile] }));
    const written = path.join(profile, "NativeMessagingHosts", "io.vaughan.host.json");
    expect(JSON.parse(fs.readFileSync(written, "utf8")).allowed_origins[0]).toMatch(
      /^chrome-extension:\/\/[a-p]{32}\/$/,
    );
    expect(fs.existsSync(chromiumManifest())).toBe(false);
  });

  it("is idempotent", () => {
    applyInstall(planInstall(opts));
    const before = fs.readFileSync(chromiumManifest(), "utf8");
    const again = applyInstall(planInstall(opts));
    expect(again.written).toEqual([]);
    expect(again.unchanged).toEqual([launcher(), chromiumManifest(), firefoxManifest()]);
    expect(fs.readFileSync(chromiumManifest(), "utf8")).toBe(before);
  });

  it("rewrites a stale manifest of ours but refuses someone else's file unless forced", () => {
    applyInstall(planInstall(opts));
    const changed = applyInstall(planInstall({ ...opts, extensionIds: ["a".repeat(32)] }));
    expect(changed.written).toEqual([chromiumManifest()]);
    fs.writeFileSync(firefoxManifest(), "not json");
    expect(() => applyInstall(planInstall(opts))).toThrow(`${firefoxManifest()} exists and is not Vaughan's`);
    applyInstall(planInstall(opts), { force: true });
    expect(JSON.parse(fs.readFileSync(firefoxManifest(), "utf8")).name).toBe("io.vaughan.host");
  });

  it("refuses a plan made for another OS", () => {
    expect(() => applyInstall(planInstall({ ...opts, platform: "win32" }))).toThrow(
      "a win32 plan cannot be applied on linux",
    );
  });
});

linuxOnly("applyUninstall on Linux", () => {
  it("removes exactly our files and leaves everything else", () => {
    applyInstall(planInstall(opts));
    const folder = path.dirname(chromiumManifest());
    const unrelated = path.join(folder, "com.example.other.json");
    fs.writeFileSync(unrelated, '{"name":"com.example.other"}');
    // Same file name, someone else's content: not ours to delete.
    const foreignFolder = path.join(tmp, "HOME", ".config", "google-chrome", "NativeMessagingHosts");
    fs.mkdirSync(foreignFolder, { recursive: true });
    fs.writeFileSync(path.join(foreignFolder, "io.vaughan.host.json"), '{"name":"something.else"}');
    const before = listFiles(tmp);

    const result = applyUninstall(planUninstall({ ...opts, browsers: "auto" }));

    expect(result.removed.sort()).toEqual([chromiumManifest(), firefoxManifest(), launcher()].sort());
    expect(result.kept).toEqual([
      { path: path.join(foreignFolder, "io.vaughan.host.json"), reason: "not a io.vaughan.host manifest" },
    ]);
    expect(listFiles(tmp)).toEqual(before.filter((f) => !result.removed.includes(f)));
    expect(fs.readFileSync(unrelated, "utf8")).toBe('{"name":"com.example.other"}');
  });

  it("keeps the launcher while another manifest still names it", () => {
    applyInstall(planInstall(opts));
    const result = applyUninstall(planUninstall({ ...opts, browsers: ["chromium"] }));
    expect(result.removed).toEqual([chromiumManifest()]);
    expect(result.kept).toEqual([{ path: launcher(), reason: `still named by ${firefoxManifest()}` }]);
    expect(fs.existsSync(launcher())).toBe(true);
    applyUninstall(planUninstall({ ...opts, browsers: ["firefox"] }));
    expect(fs.existsSync(launcher())).toBe(false);
  });

  it("leaves a launcher it did not write", () => {
    fs.mkdirSync(path.dirname(launcher()), { recursive: true });
    fs.writeFileSync(launcher(), "#!/bin/sh\necho mine\n");
    const result = applyUninstall(planUninstall({ ...opts, browsers: "all" }));
    expect(result.removed).toEqual([]);
    expect(fs.readFileSync(launcher(), "utf8")).toBe("#!/bin/sh\necho mine\n");
  });

  it("is a no-op when nothing is installed", () => {
    expect(applyUninstall(planUninstall({ ...opts, browsers: "all" }))).toEqual({
      removed: [],
      kept: [],
      registryRemoved: [],
    });
  });
});

describe("readRegistryDefault", () => {
  it("reads the default value from reg query output, undefined when absent", () => {
    const out =
      "\r\nHKEY_CURRENT_USER\\Software\\Google\\Chrome\\NativeMessagingHosts\\io.vaughan.host\r\n    (Default)    REG_SZ    C:\\Users\\ann\\m\\io.vaughan.host.json\r\n\r\n";
    expect(readRegistryDefault("HKCU\\X", () => out)).toBe("C:\\Users\\ann\\m\\io.vaughan.host.json");
    expect(
      readRegistryDefault("HKCU\\X", () => {
        throw new Error("ERROR: The system was unable to find the specified registry key or value.");
      }),
    ).toBeUndefined();
  });
});

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
