import { accessSync, constants, existsSync, readFileSync, statSync } from "node:fs";
import { NATIVE_HOST_NAME } from "../../protocol/constants.js";
import { DEV_EXTENSION_ID, GECKO_ID } from "../../protocol/extensionId.js";
import { defaultExec, type ExecFn, readManifest, readRegistryDefault } from "./apply.js";
import { BROWSERS, type BrowserId, type Platform } from "./browsers.js";
import { rootTrustProblem, runningAsRoot } from "./rootTrust.js";
import { detectBrowsers, pathFor, resolveTargets, type TargetOptions } from "./targets.js";

/** Options for {@link registrationStatus}: install's selectors plus the ids expected to be allowed. */
export interface StatusOptions extends TargetOptions {
  extensionIds?: readonly string[];
  firefoxIds?: readonly string[];
  exec?: ExecFn;
}

/** The checks for one manifest location, in the order a browser would fail them. */
export interface RegistrationStatus {
  browser: BrowserId;
  manifestPath: string;
  /** Windows: the registry key that named the manifest. */
  registryKey?: string;
  exists: boolean;
  parses: boolean;
  nameMatches: boolean;
  launcher?: string;
  pathAbsolute: boolean;
  pathExecutable: boolean;
  originListed: boolean;
  nodePath?: string;
  nodeRuns: boolean;
  nodeVersion?: string;
  hostScriptExists: boolean;
  /** Each failed check as a sentence with its fix; empty when `ok`. */
  problems: string[];
  ok: boolean;
}

interface Candidate {
  browser: BrowserId;
  manifestPath?: string;
  registryKey?: string;
  present: boolean;
}

function unquoteSh(s: string): string {
  return s.replace(/\\([\\"$`])/g, "$1");
}

/** The node and host script a launcher names, read back from launcherContent's format. */
export function parseLauncher(text: string): { node: string; script: string } | undefined {
  const sh = /^exec "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"/m.exec(text);
  if (sh?.[1] !== undefined && sh[2] !== undefined)
    return { node: unquoteSh(sh[1]), script: unquoteSh(sh[2]) };
  const cmd = /^"([^"]*)" "([^"]*)" %\*/m.exec(text);
  if (cmd?.[1] !== undefined && cmd[2] !== undefined) {
    return { node: cmd[1].replaceAll("%%", "%"), script: cmd[2].replaceAll("%%", "%") };
  }
  return undefined;
}

function isExecutable(path: string, platform: Platform): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    // Windows has no execute bit; the browser runs .cmd/.bat through cmd.exe and .exe directly.
    if (platform === "win32") return /\.(cmd|bat|exe)$/i.test(path);
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function candidates(opts: StatusOptions, exec: ExecFn): Candidate[] {
  const auto = opts.browsers === "auto" && !(opts.userDataDirs ?? []).length;
  const { targets } = resolveTargets({ ...opts, browsers: auto ? "all" : opts.browsers });
  let found: Candidate[];
  if (opts.platform === "win32") {
    const hive = opts.scope === "system" ? "HKLM" : "HKCU";
    found = [...new Set(targets.map((t) => t.browser))].map((browser) => {
      // The browser reads its keys in order and takes the first; so does status.
      for (const vendor of BROWSERS[browser].win32.registry) {
        const key = `${hive}\\Software\\${vendor}\\NativeMessagingHosts\\${NATIVE_HOST_NAME}`;
        const value = readRegistryDefault(key, exec);
        if (value !== undefined) return { browser, manifestPath: value, registryKey: key, present: true };
      }
      return { browser, present: false };
    });
  } else {
    found = targets.map((t) => ({
      browser: t.browser,
      manifestPath: t.manifestPath,
      present: existsSync(t.manifestPath),
    }));
  }
  if (!auto) return found;
  // `auto`: the browsers present on this machine, and wherever a registration already exists.
  const detected = new Set(detectBrowsers({ ...opts, exists: opts.exists ?? existsSync }));
  return found.filter((c) => c.present || detected.has(c.browser));
}

function check(c: Candidate, opts: StatusOptions, exec: ExecFn): RegistrationStatus {
  const p = pathFor(opts.platform);
  const r: RegistrationStatus = {
    browser: c.browser,
    manifestPath: c.manifestPath ?? "",
    ...(c.registryKey ? { registryKey: c.registryKey } : {}),
    exists: false,
    parses: false,
    nameMatches: false,
    pathAbsolute: false,
    pathExecutable: false,
    originListed: false,
    nodeRuns: false,
    hostScriptExists: false,
    problems: [],
    ok: false,
  };
  const fail = (problem: string): RegistrationStatus => {
    r.problems.push(problem);
    return r;
  };
  const reinstall = `run \`vaughan-host install --browser ${c.browser}\``;
  if (!c.manifestPath || !existsSync(c.manifestPath)) return fail(`no manifest registered; ${reinstall}`);
  r.exists = true;
  const manifest = readManifest(readFileSync(c.manifestPath, "utf8")) as Record<string, unknown> | undefined;
  if (!manifest) return fail(`manifest is not valid JSON; ${reinstall}`);
  r.parses = true;
  r.nameMatches = manifest.name === NATIVE_HOST_NAME;
  if (!r.nameMatches) fail(`manifest name is not ${NATIVE_HOST_NAME}; ${reinstall}`);
  const expected =
    BROWSERS[c.browser].family === "firefox"
      ? { field: "allowed_extensions", values: opts.firefoxIds ?? [GECKO_ID] }
      : {
          field: "allowed_origins",
          values: (opts.extensionIds ?? [DEV_EXTENSION_ID]).map((id) => `chrome-extension://${id}/`),
        };
  const listed = manifest[expected.field];
  const missing = expected.values.filter((v) => !(Array.isArray(listed) && listed.includes(v)));
  r.originListed = missing.length === 0;
  if (!r.originListed) fail(`${expected.field} lacks ${missing.join(", ")}; ${reinstall} with the right id`);
  if (typeof manifest.path !== "string") return fail(`manifest has no path; ${reinstall}`);
  r.launcher = manifest.path;
  r.pathAbsolute = p.isAbsolute(manifest.path);
  if (!r.pathAbsolute) fail(`manifest path ${manifest.path} is not absolute; ${reinstall}`);
  r.pathExecutable = isExecutable(manifest.path, opts.platform);
  if (!r.pathExecutable) return fail(`launcher ${manifest.path} is missing or not executable; ${reinstall}`);
  const named = parseLauncher(readFileSync(manifest.path, "utf8"));
  if (!named) return fail(`launcher ${manifest.path} was not written by vaughan-host install; ${reinstall}`);
  r.nodePath = named.node;
  const posix = opts.platform !== "win32";
  // Every user's browser runs a system registration's launcher, script and node.
  if (posix && opts.scope === "system") {
    for (const [what, file] of [
      ["launcher", manifest.path],
      ["host script", named.script],
      ["node", named.node],
    ] as const) {
      const problem = rootTrustProblem(file);
      if (problem)
        fail(`${what} ${file} is not root's alone (${problem}); reinstall as root from root-owned files`);
    }
  }
  // Root never runs a node another user could have replaced.
  const untrusted =
    posix && runningAsRoot() && existsSync(named.node) ? rootTrustProblem(named.node) : undefined;
  if (untrusted) fail(`node ${named.node} not run as root: ${untrusted}; ${reinstall} --node PATH`);
  else {
    try {
      const version = exec(named.node, ["--version"]).trim();
      r.nodeRuns = /^v\d+\./.test(version);
      r.nodeVersion = version;
    } catch {
      r.nodeRuns = false;
    }
    if (!r.nodeRuns) fail(`node ${named.node} does not run (moved or upgraded?); ${reinstall} --node PATH`);
  }
  r.hostScriptExists = existsSync(named.script);
  if (!r.hostScriptExists)
    fail(`host script ${named.script} is missing; run \`npm run build\`, then ${reinstall.slice(4)}`);
  r.ok = r.problems.length === 0;
  return r;
}

/**
 * Checks every registration for the selected browsers the way a browser would use it:
 * manifest exists, parses, names our host, lists the extension, its path is an absolute
 * executable launcher, and the node that launcher names runs. With `auto`, covers the
 * browsers found plus any location that holds a manifest.
 */
export function registrationStatus(opts: StatusOptions): RegistrationStatus[] {
  const exec = opts.exec ?? defaultExec;
  return candidates(opts, exec).map((c) => check(c, opts, exec));
}

const EXPLANATIONS: readonly [string, string][] = [
  [
    "Specified native messaging host not found",
    "The browser found no valid io.vaughan.host manifest for this profile: none was installed, it sits in another browser's or profile's folder, or it is invalid (a missing trailing slash in allowed_origins is enough). Fix: run `vaughan-host install --browser BROWSER` (add `--user-data-dir DIR` for a custom profile), then `vaughan-host status`.",
  ],
  [
    "Access to the specified native messaging host is forbidden",
    "The manifest exists but its allowed_origins does not list this extension's id. Fix: run `vaughan-host install --extension-id ID` with the id shown on chrome://extensions.",
  ],
  [
    "Failed to start native messaging host",
    "The browser could not run the manifest's path: the launcher is missing or not executable, or names a node that no longer exists (after a Node upgrade). Fix: run `vaughan-host install` again (`--node PATH` to pick node), then `vaughan-host status`.",
  ],
  [
    "Native host has exited",
    "The host started and then exited: node is older than 20, the host script moved, or it crashed at start. Fix: run the launcher from a terminal to see the error, rebuild with `npm run build`, then `vaughan-host install`.",
  ],
  [
    "Error when communicating with the native messaging host",
    "The host wrote something that is not a native-messaging frame to stdout, or a message over 1 MiB. Fix: update Vaughan; check the host log for the stray output.",
  ],
  // Firefox's words (measured in Firefox ESR 153): one message for a missing, unparsable or
  // foreign manifest; another for a path it cannot run.
  [
    "No such native application",
    "Firefox found no usable io.vaughan.host manifest in ~/.mozilla/native-messaging-hosts (or /usr/lib/mozilla/native-messaging-hosts): none was installed, it is not valid JSON, or its allowed_extensions does not list wallet@vaughan.io. Fix: run `vaughan-host install --browser firefox`, then `vaughan-host status`.",
  ],
  [
    "An unexpected error occurred",
    "Firefox could not run the manifest's path: the launcher is missing or not executable. Fix: run `vaughan-host install --browser firefox` again, then `vaughan-host status`.",
  ],
  [
    "Native application tried to send a message of",
    "The host wrote something that is not a native-messaging frame to stdout, or a message over 1 MiB. Fix: update Vaughan; check the host log for the stray output.",
  ],
];

/** A sentence with the fix for one of the browser's native-messaging errors, or undefined. */
export function explain(errorMessage: string): string | undefined {
  const lower = errorMessage.toLowerCase();
  return EXPLANATIONS.find(([message]) => lower.includes(message.toLowerCase()))?.[1];
}
