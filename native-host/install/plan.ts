import { NATIVE_HOST_NAME } from "../../protocol/constants.js";
import { CA_ASIDE } from "../src/launcherEnv.js";
import { chooseTrustedIds } from "../src/trustedIds.js";
import type { BrowserId, Family, Platform, Scope } from "./browsers.js";
import { pathFor, resolveTargets, type TargetOptions } from "./targets.js";

/** Everything `planInstall` needs; all I/O is injected so a plan for any OS is pure data. */
export interface InstallOptions extends TargetOptions {
  /** Chromium extension ids allowed to connect; with no id at all, the committed dev build's id. */
  extensionIds?: readonly string[];
  /** Firefox add-on ids allowed to connect; with no id at all, `wallet@vaughan.io`. */
  firefoxIds?: readonly string[];
  /** Keep the built-in ids beside the ones given (chooseTrustedIds). */
  keepDevIds?: boolean;
  /** Absolute node executable, already verified to run. */
  nodePath: string;
  /** Absolute path of dist/host/vaughan-host.mjs. */
  hostScript: string;
}

/** A file to write. */
export interface PlannedFile {
  path: string;
  content: string;
  mode: number;
  /** Browsers this file serves (manifests only). */
  browsers?: BrowserId[];
}

/** A registry key to write or delete (Windows). `command` runs as `execFileSync(command[0], rest)`. */
export interface RegistryEntry {
  key: string;
  /** The manifest path the key's default value names. */
  value: string;
  command: string[];
}

/** What `install` would do. */
export interface InstallPlan {
  platform: Platform;
  scope: Scope;
  files: PlannedFile[];
  launchers: PlannedFile[];
  registry: RegistryEntry[];
  warnings: string[];
}

/** What `uninstall` would try; `applyUninstall` still checks each item is ours before removing it. */
export interface UninstallPlan {
  platform: Platform;
  manifests: string[];
  launchers: string[];
  registry: RegistryEntry[];
  /** Manifests left in place that may still name the launcher; it is kept while any does. */
  launcherUsers: string[];
  warnings: string[];
}

/** First line after the shebang / `@echo off`; how uninstall knows a launcher is ours. */
export const LAUNCHER_MARKER = "vaughan-host launcher, written by `vaughan-host install`";
const DESCRIPTION = "Vaughan wallet host";

/** The launcher's file name in `<home>/bin/`. */
export function launcherPath(platform: Platform, home: string): string {
  return pathFor(platform).join(home, "bin", platform === "win32" ? "vaughan-host.cmd" : "vaughan-host.sh");
}

/**
 * The launcher the manifest names. Browsers start hosts with a minimal environment (a GUI
 * session's PATH rarely has nvm's or Homebrew's node), so it names node by absolute path.
 *
 * It also sets NODE_EXTRA_CA_CERTS aside as VAUGHAN_EXTRA_CA_CERTS: node reads that file on
 * every start (~30 ms measured here), and the relay makes no TLS connection. The relay hands
 * it back to the daemon it starts, which talks to RPC endpoints (launcherEnv.ts).
 */
export function launcherContent(platform: Platform, nodePath: string, hostScript: string): string {
  if (platform === "win32") {
    // cmd.exe expands %VAR% even inside quotes; doubling keeps a literal percent sign.
    const q = (s: string): string => `"${s.replaceAll("%", "%%")}"`;
    // CRLF: cmd.exe mis-parses labels and long lines in LF-only batch files.
    return [
      "@echo off",
      `rem ${LAUNCHER_MARKER}`,
      `if defined ${CA_VAR} set "${CA_ASIDE}=%${CA_VAR}%"`,
      `set "${CA_VAR}="`,
      `${q(nodePath)} ${q(hostScript)} %*`,
      "",
    ].join("\r\n");
  }
  // Inside double quotes only \ " $ and ` are special to sh.
  const q = (s: string): string => `"${s.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
  return [
    "#!/bin/sh",
    `# ${LAUNCHER_MARKER}`,
    `if [ -n "\${${CA_VAR}:-}" ]; then ${CA_ASIDE}=$${CA_VAR}; export ${CA_ASIDE}; unset ${CA_VAR}; fi`,
    `exec ${q(nodePath)} ${q(hostScript)} "$@"`,
    "",
  ].join("\n");
}

const CA_VAR = "NODE_EXTRA_CA_CERTS";

/**
 * The host manifest. Chrome needs the trailing slash on each origin (without it the host is
 * "not found"); Firefox lists add-on ids instead. Plain JSON text: UTF-8 without a BOM.
 * https://developer.chrome.com/docs/extensions/develop/concepts/native-messaging#native-messaging-host
 */
export function manifestContent(
  family: Family,
  launcher: string,
  extensionIds: readonly string[],
  firefoxIds: readonly string[],
): string {
  const base = { name: NATIVE_HOST_NAME, description: DESCRIPTION, path: launcher, type: "stdio" };
  const manifest =
    family === "firefox"
      ? { ...base, allowed_extensions: [...firefoxIds] }
      : { ...base, allowed_origins: extensionIds.map((id) => `chrome-extension://${id}/`) };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The `reg` command writing a key whose default value is the manifest path. */
export function regAddCommand(key: string, manifestPath: string): string[] {
  return ["reg", "add", key, "/ve", "/t", "REG_SZ", "/d", manifestPath, "/f"];
}

/** The `reg` command deleting a key. */
export function regDeleteCommand(key: string): string[] {
  return ["reg", "delete", key, "/f"];
}

/**
 * Plans an install: manifests, the launcher and (Windows) registry keys. Pure: the same
 * options give the same plan on any machine, so tests can plan for every OS.
 */
export function planInstall(opts: InstallOptions): InstallPlan {
  const resolved = resolveTargets(opts);
  const warnings = [...resolved.warnings];
  const launcher = launcherPath(opts.platform, opts.home);
  const { chromium: extensionIds, firefox: firefoxIds } = chooseTrustedIds(opts, opts.keepDevIds);
  // Ids given for one family only: the other has no extension to allow, so it is not registered.
  const idsFor = (family: Family) => (family === "firefox" ? firefoxIds : extensionIds);
  const targets = resolved.targets.filter((t) => idsFor(t.family).length > 0);
  for (const family of new Set(resolved.targets.map((t) => t.family))) {
    if (idsFor(family).length > 0) continue;
    warnings.push(
      family === "firefox"
        ? "Firefox not registered: no --firefox-id given (add --firefox-id ID, or --keep-dev-ids for wallet@vaughan.io)."
        : "Chromium browsers not registered: no --extension-id given (add --extension-id ID, or --keep-dev-ids).",
    );
  }
  const files: PlannedFile[] = [];
  const byPath = new Map<string, PlannedFile>();
  const registry: RegistryEntry[] = [];
  for (const t of targets) {
    const known = byPath.get(t.manifestPath);
    // Shared folders (Chrome's /etc/opt/chrome for Brave too) get one file serving both.
    if (known) known.browsers?.push(t.browser);
    else {
      const content = manifestContent(t.family, launcher, extensionIds, firefoxIds);
      const file: PlannedFile = { path: t.manifestPath, content, mode: 0o644, browsers: [t.browser] };
      byPath.set(t.manifestPath, file);
      files.push(file);
    }
    for (const key of t.registryKeys) {
      registry.push({ key, value: t.manifestPath, command: regAddCommand(key, t.manifestPath) });
    }
  }
  const launchers =
    files.length > 0
      ? [
          {
            path: launcher,
            content: launcherContent(opts.platform, opts.nodePath, opts.hostScript),
            mode: 0o755,
          },
        ]
      : [];
  return { platform: opts.platform, scope: opts.scope ?? "user", files, launchers, registry, warnings };
}

/**
 * Plans an uninstall for the same selectors as install. `auto` here means every browser
 * (removal only touches files that name our host, so there is nothing to detect), except with
 * `--user-data-dir`, where it means just those profile folders.
 */
export function planUninstall(opts: TargetOptions): UninstallPlan {
  const browsers = opts.browsers === "auto" && !(opts.userDataDirs ?? []).length ? "all" : opts.browsers;
  const { targets, warnings } = resolveTargets({ ...opts, browsers });
  const manifests = [...new Set(targets.map((t) => t.manifestPath))];
  const registry = targets.flatMap((t) =>
    t.registryKeys.map((key) => ({ key, value: t.manifestPath, command: regDeleteCommand(key) })),
  );
  // Every location of either scope, plus the profile folders named: if one still holds a
  // manifest naming the launcher after this uninstall, the launcher must stay.
  const everywhere = (["user", "system"] as const).flatMap(
    (scope) =>
      resolveTargets({ ...opts, scope, browsers: "all", flatpak: opts.platform === "linux" }).targets,
  );
  const removing = new Set(manifests);
  const launcherUsers = [...new Set(everywhere.map((t) => t.manifestPath))].filter((m) => !removing.has(m));
  return {
    platform: opts.platform,
    manifests,
    launchers: [launcherPath(opts.platform, opts.home)],
    registry,
    launcherUsers,
    warnings,
  };
}
