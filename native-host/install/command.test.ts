import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEV_EXTENSION_ID } from "../../protocol/extensionId.js";
import { type InstallCommandContext, runInstallCommand } from "./command.js";

const linuxOnly = process.platform === "linux" ? describe : describe.skip;

let tmp: string;
let out: string[];
let err: string[];
let ctx: InstallCommandContext;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vaughan-cmd-"));
  const hostScript = path.join(tmp, "vaughan-host.mjs");
  fs.writeFileSync(hostScript, "");
  out = [];
  err = [];
  ctx = {
    home: path.join(tmp, "data"),
    hostScript,
    homedir: path.join(tmp, "HOME"),
    env: { PATH: "" },
    exists: () => false,
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
  };
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const run = (command: "install" | "uninstall" | "status", ...argv: string[]) =>
  runInstallCommand(command, argv, ctx);

describe("bad usage: exit 2, one line on stderr", () => {
  it.each([
    [["--bogus"], "vaughan-host install: Unknown option '--bogus' (run 'vaughan-host help')\n"],
    [["--browser", "netscape"], 'unknown browser "netscape"'],
    [["--extension-id", "ABC"], '--extension-id "ABC" is not 32 letters a-p'],
    [["--firefox-id", "nope"], '--firefox-id "nope" is not an add-on id'],
    [["--scope", "global"], '--scope must be user or system, not "global"'],
    [["--platform", "win32"], "--platform only works with --dry-run"],
    [["--platform", "haiku", "--dry-run"], 'unsupported platform "haiku"'],
    [["--node", "/nonexistent/node"], "--node /nonexistent/node: no such file"],
    [["--dry-run", "--platform", "win32", "--user-data-dir", "rel"], "must be absolute with --platform"],
  ])("%j", async (argv, message) => {
    expect(await run("install", ...argv)).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(message);
    expect(err[0]?.trimEnd()).not.toContain("\n");
    expect(out).toEqual([]);
  });
});

describe("--dry-run --json for any OS", () => {
  const machines = {
    linux: { home: "/home/ann/.config/vaughan", script: "/opt/v/vaughan-host.mjs", node: "/usr/bin/node" },
    darwin: {
      home: "/Users/ann/Library/Application Support/Vaughan",
      script: "/opt/v/vaughan-host.mjs",
      node: "/usr/local/bin/node",
    },
    win32: {
      home: "C:\\Users\\ann\\AppData\\Roaming\\Vaughan",
      script: "C:\\v\\vaughan-host.mjs",
      node: "C:\\nodejs\\node.exe",
    },
  } as const;
  it.each(["linux", "darwin", "win32"] as const)("%s", async (platform) => {
    const m = machines[platform];
    ctx = {
      ...ctx,
      home: m.home,
      hostScript: m.script,
      homedir: platform === "win32" ? "C:\\Users\\ann" : "/home/ann",
    };
    const code = await run(
      "install",
      "--dry-run",
      "--json",
      "--browser",
      "all",
      "--platform",
      platform,
      "--node",
      m.node,
    );
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const plan = JSON.parse(out[0] ?? "");
    expect(plan).toMatchObject({ dryRun: true, platform, scope: "user" });
    expect(plan.files.length).toBeGreaterThan(0);
    for (const f of plan.files) expect(f.mode).toBe("0644");
    expect(plan.launchers).toHaveLength(1);
    expect(plan.launchers[0].mode).toBe("0755");
    expect(plan.launchers[0].content).toContain(m.node);
    if (platform === "win32") {
      expect(plan.registry[0]).toEqual({
        key: "HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\io.vaughan.host",
        value: "C:\\Users\\ann\\AppData\\Roaming\\Vaughan\\manifests\\chrome\\io.vaughan.host.json",
        command: [
          "reg",
          "add",
          "HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\io.vaughan.host",
          "/ve",
          "/t",
          "REG_SZ",
          "/d",
          "C:\\Users\\ann\\AppData\\Roaming\\Vaughan\\manifests\\chrome\\io.vaughan.host.json",
          "/f",
        ],
      });
    } else expect(plan.registry).toEqual([]);
    expect(fs.readdirSync(tmp)).toEqual(["vaughan-host.mjs"]);
  });

  it("uninstall --dry-run --json lists what it would check", async () => {
    expect(await run("uninstall", "--dry-run", "--json", "--platform", "win32", "--browser", "edge")).toBe(0);
    const plan = JSON.parse(out[0] ?? "");
    expect(plan.registry.map((r: { command: string[] }) => r.command.join(" "))).toEqual([
      "reg delete HKCU\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\io.vaughan.host /f",
    ]);
  });
});

linuxOnly("install, status, uninstall for real (temporary HOME)", () => {
  it("round-trips through a --user-data-dir profile", async () => {
    const profile = path.join(tmp, "profile");
    const written = path.join(profile, "NativeMessagingHosts", "io.vaughan.host.json");
    expect(await run("install", "--browser", "chromium", "--user-data-dir", profile)).toBe(0);
    expect(out[0]).toBe(
      `Registered io.vaughan.host for chromium (node ${fs.realpathSync(process.execPath)}).\n`,
    );
    expect(JSON.parse(fs.readFileSync(written, "utf8")).allowed_origins).toEqual([
      `chrome-extension://${DEV_EXTENSION_ID}/`,
    ]);

    out = [];
    expect(await run("install", "--user-data-dir", profile)).toBe(0);
    expect(out.join("")).toContain(`unchanged ${written}`);

    out = [];
    expect(await run("status", "--user-data-dir", profile, "--json")).toBe(0);
    expect(JSON.parse(out[0] ?? "").registrations[0]).toMatchObject({ browser: "chromium", ok: true });

    out = [];
    expect(await run("uninstall", "--user-data-dir", profile)).toBe(0);
    expect(out.join("")).toContain(`removed ${written}`);
    expect(fs.existsSync(written)).toBe(false);
    expect(fs.existsSync(path.join(tmp, "data", "bin", "vaughan-host.sh"))).toBe(false);
    expect(fs.existsSync(path.join(tmp, "HOME"))).toBe(false);

    expect(await run("status", "--user-data-dir", profile)).toBe(1);
  });

  it("auto with nothing found registers Chromium under HOME", async () => {
    expect(await run("install")).toBe(0);
    expect(
      fs.existsSync(
        path.join(tmp, "HOME", ".config", "chromium", "NativeMessagingHosts", "io.vaughan.host.json"),
      ),
    ).toBe(true);
    expect(err.join("")).toContain("warning: No browser found; registering for Chromium.");
  });

  it("fails with exit 1 when the host script is missing or node does not run", async () => {
    ctx = { ...ctx, hostScript: path.join(tmp, "missing.mjs") };
    expect(await run("install")).toBe(1);
    expect(err[0]).toBe(
      `vaughan-host install: host script ${ctx.hostScript} not found; run \`npm run build\` first\n`,
    );
    ctx = { ...ctx, hostScript: path.join(tmp, "vaughan-host.mjs") };
    const fake = path.join(tmp, "node");
    fs.writeFileSync(fake, "#!/bin/sh\necho v18.0.0\n", { mode: 0o755 });
    expect(await run("install", "--node", fake)).toBe(1);
    expect(err[1]).toContain('reports "v18.0.0"; Vaughan needs Node.js 20 or newer');
  });
});

describe("--explain", () => {
  it("prints the fix for a browser error", async () => {
    expect(
      await run("status", "--explain", "Access to the specified native messaging host is forbidden."),
    ).toBe(0);
    expect(out[0]).toContain("--extension-id ID");
  });
});
