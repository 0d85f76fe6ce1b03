import { existsSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { NATIVE_HOST_NAME } from "../../protocol/constants.js";
import { DEV_EXTENSION_ID, GECKO_ID } from "../../protocol/extensionId.js";
import { SettingsStore } from "../src/stores/settings.js";
import { CHROMIUM_ID, chooseTrustedIds, FIREFOX_ID, readTrustedIds } from "../src/trustedIds.js";
import { applyInstall, applyUninstall, defaultExec, type ExecFn } from "./apply.js";
import { isBrowserId, type Platform, type Scope } from "./browsers.js";
import { launcherPath, type PlannedFile, planInstall, planUninstall } from "./plan.js";
import { rootTrustProblem, runningAsRoot } from "./rootTrust.js";
import { explain, registrationStatus } from "./status.js";
import { pathFor, type TargetOptions } from "./targets.js";

/** What the caller (the host's CLI) provides. `homedir`, `env`, `exec`, `exists` exist for tests. */
export interface InstallCommandContext {
  /** The host's data folder (`--home`, `$VAUGHAN_HOME` or the default), already resolved. */
  home: string;
  /** Absolute path of dist/host/vaughan-host.mjs. */
  hostScript: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  homedir?: string;
  env?: NodeJS.ProcessEnv;
  exec?: ExecFn;
  exists?: (p: string) => boolean;
}

/** Bad usage: exit code 2 (docs/interface.md). */
class UsageError extends Error {}

const PLATFORMS: readonly string[] = ["linux", "darwin", "win32"];
// Homebrew's Cellar path changes with every upgrade; its symlinks survive (docs/native-messaging.md, "The manifest and the launch").
const STABLE_NODE = [
  "/opt/homebrew/bin/node",
  "/usr/local/bin/node",
  "/opt/homebrew/opt/node/bin/node",
  "/usr/local/opt/node/bin/node",
];

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        browser: { type: "string" },
        "user-data-dir": { type: "string", multiple: true },
        "extension-id": { type: "string", multiple: true },
        "firefox-id": { type: "string", multiple: true },
        "keep-dev-ids": { type: "boolean" },
        scope: { type: "string" },
        flatpak: { type: "boolean" },
        node: { type: "string" },
        "dry-run": { type: "boolean" },
        json: { type: "boolean" },
        force: { type: "boolean" },
        explain: { type: "string" },
        // Already applied by the caller when it resolved ctx.home; accepted so argv can pass through.
        home: { type: "string" },
        platform: { type: "string" },
      },
    }).values;
  } catch (error) {
    // parseArgs appends a long hint after the first sentence; one line is the contract.
    throw new UsageError((error as Error).message.split(". ")[0] ?? "bad arguments");
  }
}

function browserSelection(value: string | undefined): string[] | "all" | "auto" {
  if (value === undefined || value === "auto") return "auto";
  if (value === "all") return "all";
  const names = value.split(",").map((s) => s.trim());
  const bad = names.filter((n) => !isBrowserId(n));
  if (bad.length > 0)
    throw new UsageError(
      `unknown browser "${bad.join(",")}" (chrome, chrome-beta, chrome-dev, chromium, brave, edge, edge-beta, edge-dev, vivaldi, opera, firefox, all, auto)`,
    );
  return names;
}

function resolveNode(given: string | undefined, exec: ExecFn, warnings: string[]): string {
  let node: string;
  try {
    node = realpathSync(given ?? process.execPath);
  } catch {
    throw new UsageError(`--node ${given}: no such file`);
  }
  if (node.includes("/Cellar/")) {
    node = STABLE_NODE.find((s) => existsSync(s) && realpathSync(s) === node) ?? node;
  }
  // Root runs `--version` of only a node no other user could have replaced.
  const untrusted = runningAsRoot() ? rootTrustProblem(node) : undefined;
  if (untrusted) throw new Error(`refusing to run node ${node} as root: ${untrusted}; pass --node PATH`);
  let version = "";
  try {
    version = exec(node, ["--version"]).trim();
  } catch {
    throw new Error(`node ${node} does not run; pass --node PATH`);
  }
  const major = Number(/^v(\d+)\./.exec(version)?.[1] ?? 0);
  if (major < 20)
    throw new Error(`node ${node} reports "${version}"; Vaughan needs Node.js 20 or newer (--node PATH)`);
  if (/[\\/](\.nvm|\.fnm|fnm|\.volta|\.asdf|mise)[\\/]/.test(node)) {
    warnings.push(
      `node ${node} belongs to a version manager; rerun install after switching or removing that version.`,
    );
  }
  return node;
}

/**
 * A system-wide registration points every user's browser, root's included, at the launcher,
 * the host script and node: each must be root's alone (rootTrustProblem). Only root can write
 * the system folders, so only root may register there; the launcher it writes is root's, in a
 * folder that must not be anyone else's either.
 */
function assertSystemScopeSafe(home: string, hostScript: string): void {
  if (!runningAsRoot()) throw new Error("--scope system needs root (run it with sudo)");
  const launcherFolder = path.dirname(launcherPath(process.platform as Platform, home));
  for (const [what, file] of [
    ["host script", hostScript],
    ["launcher folder", nearestExisting(launcherFolder)],
  ] as const) {
    const problem = rootTrustProblem(file);
    if (problem) throw new Error(`refusing a system-wide registration: ${what} ${file}: ${problem}`);
  }
}

/** `dir` or its nearest existing ancestor (the folders install would create are root's). */
function nearestExisting(dir: string): string {
  let current = dir;
  while (!existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}

const octal = (mode: number): string => `0${mode.toString(8)}`;
const fileJson = (f: PlannedFile) => ({ ...f, mode: octal(f.mode) });

/**
 * `vaughan-host install | uninstall | status` (docs/interface.md; where each browser looks: docs/native-messaging.md).
 * Returns the exit code: 0 success, 1 operational failure, 2 bad usage.
 */
export async function runInstallCommand(
  command: "install" | "uninstall" | "status",
  argv: string[],
  ctx: InstallCommandContext,
): Promise<number> {
  const exec = ctx.exec ?? defaultExec;
  try {
    const v = parse(argv);
    const platform = (v.platform ?? process.platform) as Platform;
    if (!PLATFORMS.includes(platform)) throw new UsageError(`unsupported platform "${platform}"`);
    const native = platform === process.platform;
    if (!native && !(v["dry-run"] && command !== "status"))
      throw new UsageError("--platform only works with --dry-run");
    const scope = (v.scope ?? "user") as Scope;
    if (scope !== "user" && scope !== "system")
      throw new UsageError(`--scope must be user or system, not "${scope}"`);
    for (const id of v["extension-id"] ?? []) {
      if (!CHROMIUM_ID.test(id)) throw new UsageError(`--extension-id "${id}" is not 32 letters a-p`);
    }
    for (const id of v["firefox-id"] ?? []) {
      if (!FIREFOX_ID.test(id))
        throw new UsageError(`--firefox-id "${id}" is not an add-on id (name@domain or {uuid})`);
    }
    const p = pathFor(platform);
    const userDataDirs = (v["user-data-dir"] ?? []).map((d) => {
      if (native) return path.resolve(d);
      if (!p.isAbsolute(d)) throw new UsageError(`--user-data-dir "${d}" must be absolute with --platform`);
      return d;
    });
    if (v.explain !== undefined) {
      ctx.stdout(
        `${explain(v.explain) ?? "Not a native-messaging error Vaughan knows; run `vaughan-host status`."}\n`,
      );
      return 0;
    }
    const env = ctx.env ?? process.env;
    const target: TargetOptions = {
      platform,
      homedir: ctx.homedir ?? homedir(),
      home: ctx.home,
      env,
      browsers: browserSelection(v.browser),
      scope,
      userDataDirs,
      flatpak: v.flatpak === true,
      exists: ctx.exists ?? existsSync,
    };
    const given = { extensionIds: v["extension-id"] ?? [], firefoxIds: v["firefox-id"] ?? [] };
    const keepDevIds = v["keep-dev-ids"] === true;
    // Status checks the ids install last registered unless told others.
    const trusted =
      command === "status" && given.extensionIds.length + given.firefoxIds.length === 0 && !keepDevIds
        ? readTrustedIds(ctx.home)
        : chooseTrustedIds(given, keepDevIds);
    const ids = { extensionIds: trusted.chromium, firefoxIds: trusted.firefox };
    const out = (s: string): void => ctx.stdout(`${s}\n`);
    const warn = (ws: string[]): void => {
      for (const w of ws) ctx.stderr(`warning: ${w}\n`);
    };

    if (command === "status") {
      const results = registrationStatus({ ...target, ...ids, exec });
      if (v.json) out(JSON.stringify({ host: NATIVE_HOST_NAME, registrations: results }));
      else if (results.length === 0) out("No browser found and no registration present.");
      for (const r of v.json ? [] : results) {
        const where = r.registryKey ? `${r.registryKey} -> ${r.manifestPath}` : r.manifestPath;
        out(
          r.ok
            ? `${r.browser}: ok ${where} (node ${r.nodeVersion})`
            : `${r.browser}: ${r.problems.join("; ")} [${where}]`,
        );
      }
      const registered = results.filter((r) => r.exists);
      return registered.length > 0 && registered.every((r) => r.ok) ? 0 : 1;
    }

    if (command === "uninstall") {
      const plan = planUninstall(target);
      if (v["dry-run"]) {
        if (v.json) out(JSON.stringify({ dryRun: true, ...plan }));
        else
          for (const f of [...plan.manifests, ...plan.launchers, ...plan.registry.map((r) => r.key)])
            out(`would remove, if ours: ${f}`);
        return 0;
      }
      const result = applyUninstall(plan, { exec });
      if (v.json) out(JSON.stringify(result));
      else {
        for (const f of [...result.removed, ...result.registryRemoved]) out(`removed ${f}`);
        for (const k of result.kept) out(`kept ${k.path}: ${k.reason}`);
        if (result.removed.length + result.registryRemoved.length === 0)
          out("Nothing of Vaughan's was registered there.");
      }
      return 0;
    }

    const warnings: string[] = [];
    if (native && !existsSync(ctx.hostScript)) {
      const missing = `host script ${ctx.hostScript} not found; run \`npm run build\` first`;
      if (!v["dry-run"]) throw new Error(missing);
      warnings.push(missing);
    }
    if (native && scope === "system" && platform !== "win32") assertSystemScopeSafe(ctx.home, ctx.hostScript);
    const nodePath = native ? resolveNode(v.node, exec, warnings) : (v.node ?? process.execPath);
    if (native && scope === "system" && platform !== "win32") {
      const problem = rootTrustProblem(nodePath);
      if (problem) throw new Error(`refusing a system-wide registration: node ${nodePath}: ${problem}`);
    }
    const plan = planInstall({ ...target, ...ids, keepDevIds, nodePath, hostScript: ctx.hostScript });
    plan.warnings.unshift(...warnings);
    if (v["dry-run"]) {
      if (v.json) {
        const { files, launchers, ...rest } = plan;
        out(
          JSON.stringify({
            dryRun: true,
            ...rest,
            files: files.map(fileJson),
            launchers: launchers.map(fileJson),
          }),
        );
      } else {
        for (const f of [...plan.launchers, ...plan.files]) out(`would write ${f.path} (${octal(f.mode)})`);
        for (const r of plan.registry) out(`would run ${r.command.join(" ")}`);
        warn(plan.warnings);
      }
      return 0;
    }
    if (plan.files.length === 0) {
      warn(plan.warnings);
      throw new Error("nothing to register; name a browser with --browser");
    }
    const result = applyInstall(plan, { exec, force: v.force === true });
    // The relay and the WebSocket re-check callers against these; they match the manifests.
    if (native) {
      new SettingsStore(ctx.home).update((s) => {
        s.extensionIds = trusted.chromium.filter((id) => id !== DEV_EXTENSION_ID);
        s.firefoxIds = trusted.firefox.filter((id) => id !== GECKO_ID);
        s.devIds = trusted.chromium.includes(DEV_EXTENSION_ID);
      });
    }
    if (v.json) out(JSON.stringify({ ...result, warnings: plan.warnings }));
    else {
      const browsers = [...new Set(plan.files.flatMap((f) => f.browsers ?? []))];
      out(`Registered ${NATIVE_HOST_NAME} for ${browsers.join(", ")} (node ${nodePath}).`);
      for (const f of result.written) out(`  wrote ${f}`);
      for (const f of result.unchanged) out(`  unchanged ${f}`);
      for (const k of result.registry) out(`  registry ${k}`);
      warn(plan.warnings);
    }
    return 0;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    if (error instanceof UsageError) {
      ctx.stderr(`vaughan-host ${command}: ${message} (run 'vaughan-host help')\n`);
      return 2;
    }
    ctx.stderr(`vaughan-host ${command}: ${message}\n`);
    return 1;
  }
}
