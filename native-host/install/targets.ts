import path from "node:path";
import { NATIVE_HOST_NAME } from "../../protocol/constants.js";
import {
  BROWSER_IDS,
  BROWSERS,
  type BrowserId,
  type Family,
  FLATPAK_WARNING,
  isBrowserId,
  type Platform,
  type Scope,
  SNAP_FOLDERS,
  SNAP_WARNING,
} from "./browsers.js";

/** The environment variables planning reads; injectable so any OS can be planned anywhere. */
export type PlanEnv = Readonly<Record<string, string | undefined>>;

/** What selects the manifest locations (shared by install, uninstall and status). */
export interface TargetOptions {
  platform: Platform;
  /** The user's home folder (not the host's data folder). */
  homedir: string;
  /** The host's data folder; on Windows the manifests live in it, everywhere the launcher does. */
  home: string;
  env?: PlanEnv;
  browsers: readonly string[] | "all" | "auto";
  scope?: Scope;
  userDataDirs?: readonly string[];
  flatpak?: boolean;
  /** Whether a path exists; used for auto-detection only. */
  exists?: (p: string) => boolean;
}

/** One manifest location for one browser. */
export interface Target {
  browser: BrowserId;
  family: Family;
  manifestPath: string;
  /** Full registry keys (HKCU\Software\…\NativeMessagingHosts\io.vaughan.host) naming it; Windows only. */
  registryKeys: string[];
  flatpak: boolean;
}

/** The `path` module matching the planned OS, so Windows paths can be planned on Linux. */
export function pathFor(platform: Platform): path.PlatformPath {
  return platform === "win32" ? path.win32 : path.posix;
}

/** Expands a folder template from browsers.ts (`~`, `$CONFIG`, `$APPSUPPORT`, …). */
export function expandFolder(
  template: string,
  opts: Pick<TargetOptions, "platform" | "homedir" | "env">,
): string {
  const p = pathFor(opts.platform);
  const env = opts.env ?? {};
  const [head = "", ...rest] = template.split("/");
  const xdg = env.XDG_CONFIG_HOME;
  const bases: Record<string, string> = {
    "~": opts.homedir,
    // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
    $CONFIG: xdg && p.isAbsolute(xdg) ? xdg : p.join(opts.homedir, ".config"),
    $APPSUPPORT: p.join(opts.homedir, "Library", "Application Support"),
    $LOCALAPPDATA: env.LOCALAPPDATA ?? p.join(opts.homedir, "AppData", "Local"),
    $APPDATA: env.APPDATA ?? p.join(opts.homedir, "AppData", "Roaming"),
  };
  const base = bases[head] ?? (head === "" ? p.sep : head);
  return p.join(base, ...rest);
}

function onPath(exe: string, opts: TargetOptions, exists: (p: string) => boolean): boolean {
  const p = pathFor(opts.platform);
  const dirs = (opts.env?.PATH ?? "")
    .split(opts.platform === "win32" ? ";" : ":")
    .filter((d) => p.isAbsolute(d));
  return dirs.some((d) => exists(p.join(d, exe)));
}

/** Browsers whose profile folder, app folder or executable is present. */
export function detectBrowsers(opts: TargetOptions): BrowserId[] {
  const exists = opts.exists ?? (() => false);
  return BROWSER_IDS.filter((id) => {
    const spec = BROWSERS[id];
    const loc = spec[opts.platform];
    if (loc.detect.some((t) => exists(expandFolder(t, opts)))) return true;
    if (
      opts.platform !== "win32" &&
      "executables" in loc &&
      loc.executables?.some((e) => onPath(e, opts, exists))
    ) {
      return true;
    }
    return opts.platform === "linux" && opts.flatpak === true && spec.flatpak !== undefined
      ? exists(expandFolder(`~/.var/app/${spec.flatpak.appId}`, opts))
      : false;
  });
}

/**
 * Turns a browser selection into ids. `auto` means the browsers found; with `--user-data-dir`
 * it means Chromium (the manifest is the same for the whole family, and detection would
 * otherwise reach into the real profile the caller wanted to avoid).
 */
export function selectBrowsers(opts: TargetOptions, warnings: string[]): BrowserId[] {
  if (opts.browsers === "all") return [...BROWSER_IDS];
  if (opts.browsers !== "auto") {
    const unknown = opts.browsers.filter((b) => !isBrowserId(b));
    if (unknown.length > 0) throw new Error(`unknown browser: ${unknown.join(", ")}`);
    return BROWSER_IDS.filter((id) => opts.browsers.includes(id));
  }
  if ((opts.userDataDirs ?? []).length > 0) return ["chromium"];
  const found = detectBrowsers(opts);
  if (found.length > 0) return found;
  if (opts.platform === "linux") {
    warnings.push("No browser found; registering for Chromium. Name others with --browser.");
    return ["chromium"];
  }
  warnings.push("No supported browser found; name one with --browser.");
  return [];
}

/** Every manifest location the selection covers, with the registry keys that name it on Windows. */
export function resolveTargets(opts: TargetOptions): { targets: Target[]; warnings: string[] } {
  const warnings: string[] = [];
  const ids = selectBrowsers(opts, warnings);
  const p = pathFor(opts.platform);
  const scope = opts.scope ?? "user";
  const userDataDirs = opts.userDataDirs ?? [];
  const exists = opts.exists ?? (() => false);
  const file = `${NATIVE_HOST_NAME}.json`;
  const targets: Target[] = [];
  const add = (browser: BrowserId, folder: string, flatpak = false, registryKeys: string[] = []): void => {
    targets.push({
      browser,
      family: BROWSERS[browser].family,
      manifestPath: p.join(folder, file),
      registryKeys,
      flatpak,
    });
  };

  if (opts.platform === "win32") {
    if (userDataDirs.length > 0)
      warnings.push("--user-data-dir is ignored on Windows: browsers read the registry there.");
    if (opts.flatpak) warnings.push("--flatpak applies to Linux only.");
    const hive = scope === "system" ? "HKLM" : "HKCU";
    const claimed = new Set<string>();
    for (const id of ids) {
      // Several browsers read Google\Chrome's key; the first selected browser keeps it so one
      // plan never writes the same key twice with different values.
      const keys = BROWSERS[id].win32.registry
        .map((vendor) => `${hive}\\Software\\${vendor}\\NativeMessagingHosts\\${NATIVE_HOST_NAME}`)
        .filter((k) => !claimed.has(k));
      for (const k of keys) claimed.add(k);
      // Channels sharing a key (Chrome Beta/Dev, Edge Beta/Dev) share one manifest too.
      const primary = BROWSERS[id].win32.registry[0];
      const owner = BROWSER_IDS.find((b) => BROWSERS[b].win32.registry[0] === primary) ?? id;
      add(id, p.join(opts.home, "manifests", owner), false, keys);
    }
    return { targets, warnings };
  }

  for (const id of ids) {
    const spec = BROWSERS[id];
    const loc = spec[opts.platform];
    if (userDataDirs.length > 0 && spec.family === "chromium") {
      if (spec.honorsUserDataDir) {
        for (const dir of userDataDirs) add(id, p.join(dir, "NativeMessagingHosts"));
        continue;
      }
      warnings.push(`${spec.label} ignores --user-data-dir for native messaging; its usual folder is used.`);
    }
    const folders = scope === "system" ? [...loc.system] : loc.user.map((t) => expandFolder(t, opts));
    if (id === "firefox" && scope === "system" && opts.platform === "linux" && exists("/usr/lib64")) {
      folders.push("/usr/lib64/mozilla/native-messaging-hosts");
    }
    for (const folder of folders) add(id, folder);
    if (loc.guess) warnings.push(loc.guess);
    if (opts.flatpak && opts.platform === "linux" && spec.flatpak && scope === "user") {
      add(id, expandFolder(spec.flatpak.folder, opts), true);
    }
  }
  if (opts.flatpak && opts.platform !== "linux") warnings.push("--flatpak applies to Linux only.");
  if (opts.platform === "linux" && !opts.flatpak) {
    const sandboxed = BROWSER_IDS.filter((id) => {
      const app = BROWSERS[id].flatpak?.appId;
      return app !== undefined && exists(expandFolder(`~/.var/app/${app}`, opts));
    });
    if (sandboxed.length > 0)
      warnings.push(`Flatpak ${sandboxed.join(", ")} found; add --flatpak to register there too.`);
  }
  if (targets.some((t) => t.flatpak)) warnings.push(FLATPAK_WARNING);
  if (opts.platform === "linux" && SNAP_FOLDERS.some((t) => exists(expandFolder(t, opts))))
    warnings.push(SNAP_WARNING);
  if (scope === "system") {
    warnings.push(
      "System scope: the launcher stays in the data folder, which every user of the browser must be able to read.",
    );
  }
  return { targets, warnings: [...new Set(warnings)] };
}
