import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEV_EXTENSION_ID, GECKO_ID } from "../../protocol/extensionId.js";
import { BROWSER_IDS, BROWSERS } from "./browsers.js";
import { MACHINES, options } from "./machines.fixture.js";
import { planInstall, planUninstall } from "./plan.js";

const LIN = "/home/ann/.config";
describe("planInstall: structure for every OS × browser", () => {
  for (const platform of ["linux", "darwin", "win32"] as const) {
    it.each(BROWSER_IDS)(`${platform} %s`, (browser) => {
      const plan = planInstall(options(platform, [browser]));
      const p = platform === "win32" ? path.win32 : path.posix;
      const launcher = plan.launchers[0];
      expect(plan.launchers).toHaveLength(1);
      expect(launcher?.mode).toBe(0o755);
      expect(p.dirname(launcher?.path ?? "")).toBe(p.join(MACHINES[platform].home, "bin"));
      for (const file of plan.files) {
        expect(p.isAbsolute(file.path)).toBe(true);
        expect(p.basename(file.path)).toBe("io.vaughan.host.json");
        expect(file.mode).toBe(0o644);
        expect(file.content.charCodeAt(0)).not.toBe(0xfeff);
        const manifest = JSON.parse(file.content);
        expect(manifest).toMatchObject({ name: "io.vaughan.host", type: "stdio", path: launcher?.path });
        expect(manifest.description).not.toBe("");
        if (BROWSERS[browser].family === "firefox") expect(manifest.allowed_extensions).toEqual([GECKO_ID]);
        else expect(manifest.allowed_origins).toEqual([`chrome-extension://${DEV_EXTENSION_ID}/`]);
      }
      for (const entry of plan.registry) expect(plan.files.map((f) => f.path)).toContain(entry.value);
    });
  }
});

describe("launchers", () => {
  it("POSIX: /bin/sh exec of the absolute node and host script", () => {
    const plan = planInstall(options("darwin", ["chrome"]));
    expect(plan.launchers[0]).toEqual({
      path: "/Users/ann/Library/Application Support/Vaughan/bin/vaughan-host.sh",
      mode: 0o755,
      content: [
        "#!/bin/sh",
        "# vaughan-host launcher, written by `vaughan-host install`",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: sh's ${VAR:-}, not a template
        'if [ -n "${NODE_EXTRA_CA_CERTS:-}" ]; then VAUGHAN_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS; export VAUGHAN_EXTRA_CA_CERTS; unset NODE_EXTRA_CA_CERTS; fi',
        'exec "/opt/homebrew/bin/node" "/Users/ann/vaughan/dist/host/vaughan-host.mjs" "$@"',
        "",
      ].join("\n"),
    });
  });

  it("Windows: .cmd with @echo off, CRLF, %* and escaped percent signs", () => {
    const plan = planInstall({ ...options("win32", ["edge"]), hostScript: "C:\\100%\\vaughan-host.mjs" });
    expect(plan.launchers[0]?.path).toBe("C:\\Users\\ann\\AppData\\Roaming\\Vaughan\\bin\\vaughan-host.cmd");
    expect(plan.launchers[0]?.content).toBe(
      '@echo off\r\nrem vaughan-host launcher, written by `vaughan-host install`\r\nif defined NODE_EXTRA_CA_CERTS set "VAUGHAN_EXTRA_CA_CERTS=%NODE_EXTRA_CA_CERTS%"\r\nset "NODE_EXTRA_CA_CERTS="\r\n"C:\\Program Files\\nodejs\\node.exe" "C:\\100%%\\vaughan-host.mjs" %*\r\n',
    );
  });

  it("escapes sh metacharacters in paths", () => {
    const plan = planInstall({ ...options("linux", ["chromium"]), nodePath: '/a "b"/$x`y`/node' });
    expect(plan.launchers[0]?.content).toContain('exec "/a \\"b\\"/\\$x\\`y\\`/node" ');
  });
});

describe("planInstall options", () => {
  it("lists every extension id with a trailing slash, and the Firefox ids", () => {
    const ids = ["a".repeat(32), "b".repeat(32)];
    const plan = planInstall({
      ...options("linux", ["chrome", "firefox"]),
      extensionIds: ids,
      firefoxIds: ["x@y.z"],
    });
    expect(JSON.parse(plan.files[0]?.content ?? "").allowed_origins).toEqual(
      ids.map((id) => `chrome-extension://${id}/`),
    );
    expect(JSON.parse(plan.files[1]?.content ?? "").allowed_extensions).toEqual(["x@y.z"]);
  });

  it("--user-data-dir replaces the profile folder, except for Brave and Firefox", () => {
    const plan = planInstall({
      ...options("linux", ["chromium", "brave", "firefox"]),
      userDataDirs: ["/tmp/p1", "/tmp/p2"],
    });
    expect(plan.files.map((f) => f.path)).toEqual([
      "/tmp/p1/NativeMessagingHosts/io.vaughan.host.json",
      "/tmp/p2/NativeMessagingHosts/io.vaughan.host.json",
      `${LIN}/BraveSoftware/Brave-Browser/NativeMessagingHosts/io.vaughan.host.json`,
      "/home/ann/.mozilla/native-messaging-hosts/io.vaughan.host.json",
    ]);
    expect(plan.warnings).toContain(
      "Brave ignores --user-data-dir for native messaging; its usual folder is used.",
    );
  });

  it("auto with --user-data-dir plans only that profile", () => {
    const plan = planInstall({ ...options("linux", "auto"), userDataDirs: ["/tmp/p"], exists: () => true });
    expect(plan.files.map((f) => f.path)).toEqual(["/tmp/p/NativeMessagingHosts/io.vaughan.host.json"]);
  });

  it("shares one file where browsers share a folder", () => {
    const plan = planInstall(options("linux", ["chrome", "brave"], "system"));
    expect(plan.files).toHaveLength(1);
    expect(plan.files[0]?.browsers).toEqual(["chrome", "brave"]);
  });

  it("writes Google\\Chrome's key once, for the first browser that needs it", () => {
    const keys = planInstall(options("win32", "all")).registry.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => k.includes("Google\\Chrome"))).toHaveLength(1);
  });

  it("flatpak folders come with the sandbox warning", () => {
    const plan = planInstall({ ...options("linux", ["chromium", "firefox"]), flatpak: true });
    expect(plan.files.map((f) => f.path)).toContain(
      "/home/ann/.var/app/org.chromium.Chromium/config/chromium/NativeMessagingHosts/io.vaughan.host.json",
    );
    expect(plan.files.map((f) => f.path)).toContain(
      "/home/ann/.var/app/org.mozilla.firefox/.mozilla/native-messaging-hosts/io.vaughan.host.json",
    );
    expect(plan.warnings.join(" ")).toContain("WebSocket fallback");
  });

  it("honours XDG_CONFIG_HOME when absolute", () => {
    const plan = planInstall({ ...options("linux", ["chromium"]), env: { XDG_CONFIG_HOME: "/x/cfg" } });
    expect(plan.files[0]?.path).toBe("/x/cfg/chromium/NativeMessagingHosts/io.vaughan.host.json");
    const relative = planInstall({ ...options("linux", ["chromium"]), env: { XDG_CONFIG_HOME: "cfg" } });
    expect(relative.files[0]?.path).toBe(`${LIN}/chromium/NativeMessagingHosts/io.vaughan.host.json`);
  });
});

describe("auto-detection", () => {
  it("finds browsers by profile folder or executable on PATH", () => {
    const present = new Set(["/home/ann/.config/BraveSoftware/Brave-Browser", "/usr/bin/firefox"]);
    const plan = planInstall({
      ...options("linux", "auto"),
      env: { PATH: "/usr/bin:/bin" },
      exists: (p) => present.has(p),
    });
    expect(plan.files.flatMap((f) => f.browsers)).toEqual(["brave", "firefox"]);
  });

  it("falls back to Chromium on Linux, to nothing elsewhere", () => {
    expect(planInstall(options("linux", "auto")).files.flatMap((f) => f.browsers)).toEqual(["chromium"]);
    const mac = planInstall(options("darwin", "auto"));
    expect(mac.files).toEqual([]);
    expect(mac.launchers).toEqual([]);
    expect(mac.warnings).toContain("No supported browser found; name one with --browser.");
  });

  it("warns about Snap and Flatpak browsers", () => {
    const present = new Set(["/home/ann/snap/chromium", "/home/ann/.var/app/com.brave.Browser"]);
    const plan = planInstall({ ...options("linux", "auto"), exists: (p) => present.has(p) });
    expect(plan.warnings.join(" ")).toContain("Snap-packaged browsers cannot launch native-messaging hosts");
    expect(plan.warnings).toContain("Flatpak brave found; add --flatpak to register there too.");
  });
});

describe("planUninstall", () => {
  it("auto means every browser; the launcher is kept while other manifests may name it", () => {
    const { home } = MACHINES.linux;
    const plan = planUninstall({ ...options("linux", "auto") });
    expect(plan.manifests).toHaveLength(BROWSER_IDS.length);
    expect(plan.launchers).toEqual([`${home}/bin/vaughan-host.sh`]);
    const one = planUninstall(options("linux", ["chromium"]));
    expect(one.manifests).toEqual([`${LIN}/chromium/NativeMessagingHosts/io.vaughan.host.json`]);
    expect(one.launcherUsers).toContain("/home/ann/.mozilla/native-messaging-hosts/io.vaughan.host.json");
  });

  it("Windows: reg delete for each key", () => {
    const plan = planUninstall(options("win32", ["firefox"]));
    expect(plan.registry.map((r) => r.command)).toEqual([
      ["reg", "delete", "HKCU\\Software\\Mozilla\\NativeMessagingHosts\\io.vaughan.host", "/f"],
    ]);
  });
});
