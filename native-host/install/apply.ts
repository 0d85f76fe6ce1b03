import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, unlinkSync } from "node:fs";
import { dirname } from "node:path";
import { NATIVE_HOST_NAME } from "../../protocol/constants.js";
import { atomicWrite } from "../src/atomicWrite.js";
import { type InstallPlan, LAUNCHER_MARKER, type PlannedFile, type UninstallPlan } from "./plan.js";

/** Runs a program and returns its stdout; injectable so the registry steps can be tested. */
export type ExecFn = (file: string, args: readonly string[]) => string;

/** `execFileSync` without a shell: registry paths and manifest paths are never re-parsed. */
export const defaultExec: ExecFn = (file, args) =>
  execFileSync(file, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], windowsHide: true });

/** Options for {@link applyInstall} / {@link applyUninstall}. */
export interface ApplyOptions {
  exec?: ExecFn;
  /** Overwrite a file at a target path even when it is not ours. */
  force?: boolean;
}

/** What an install changed. */
export interface InstallResult {
  written: string[];
  unchanged: string[];
  registry: string[];
}

/** What an uninstall removed and what it deliberately left. */
export interface UninstallResult {
  removed: string[];
  kept: { path: string; reason: string }[];
  registryRemoved: string[];
}

/** A step failed; the message is one line fit for stderr. */
export class InstallError extends Error {
  override name = "InstallError";
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** The manifest's `name` and `path`, or undefined when it is not a JSON object. */
export function readManifest(text: string): { name?: unknown; path?: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isOurs(text: string, isLauncher: boolean): boolean {
  return isLauncher ? text.includes(LAUNCHER_MARKER) : readManifest(text)?.name === NATIVE_HOST_NAME;
}

function describe(error: unknown, path: string): InstallError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") {
    return new InstallError(
      `permission denied writing ${path} (system scope needs root or an administrator)`,
    );
  }
  return new InstallError(`cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`);
}

function writeFile(file: PlannedFile, isLauncher: boolean, force: boolean, result: InstallResult): void {
  const existing = readIfExists(file.path);
  if (existing !== undefined && !force && !isOurs(existing, isLauncher)) {
    throw new InstallError(`${file.path} exists and is not Vaughan's; move it away or pass --force`);
  }
  try {
    if (existing === file.content) result.unchanged.push(file.path);
    else {
      mkdirSync(dirname(file.path), { recursive: true });
      atomicWrite(file.path, file.content, file.mode);
      result.written.push(file.path);
    }
    // Explicit chmod: the process umask may have narrowed the mode, and a manifest in a system
    // folder must be readable by every user's browser.
    if (process.platform !== "win32") chmodSync(file.path, file.mode);
  } catch (error) {
    throw describe(error, file.path);
  }
}

function assertRunsHere(platform: string): void {
  if (platform !== process.platform) {
    throw new InstallError(`a ${platform} plan cannot be applied on ${process.platform}`);
  }
}

/**
 * Writes the launcher, then the manifests, then (Windows) the registry keys, so no manifest
 * ever names a missing launcher. Rewriting identical content is a no-op, so running it twice
 * is safe.
 */
export function applyInstall(plan: InstallPlan, options: ApplyOptions = {}): InstallResult {
  assertRunsHere(plan.platform);
  const result: InstallResult = { written: [], unchanged: [], registry: [] };
  for (const launcher of plan.launchers) writeFile(launcher, true, options.force === true, result);
  for (const file of plan.files) writeFile(file, false, options.force === true, result);
  if (plan.platform === "win32") {
    const exec = options.exec ?? defaultExec;
    for (const entry of plan.registry) {
      const [file = "reg", ...args] = entry.command;
      try {
        exec(file, args);
      } catch (error) {
        throw new InstallError(
          `cannot write registry key ${entry.key}: ${(error as Error).message.split("\n")[0]}`,
        );
      }
      result.registry.push(entry.key);
    }
  }
  return result;
}

/** The default value of a registry key, or undefined when the key is absent. */
export function readRegistryDefault(key: string, exec: ExecFn = defaultExec): string | undefined {
  let out: string;
  try {
    out = exec("reg", ["query", key, "/ve"]);
  } catch {
    return undefined;
  }
  // `reg query` prints "    (Default)    REG_SZ    C:\path" (the label is localized).
  const match = /REG_(?:EXPAND_)?SZ\s+(.*)$/m.exec(out);
  return match?.[1]?.trim();
}

function manifestNames(path: string, launcher: string): boolean {
  const text = readIfExists(path);
  return text !== undefined && readManifest(text)?.path === launcher;
}

/**
 * Removes what install wrote: manifests whose JSON names `io.vaughan.host`, registry keys that
 * point at one of those manifests, and the launcher when it carries our marker and no remaining
 * manifest names it. Anything else at those paths is left and reported.
 */
export function applyUninstall(plan: UninstallPlan, options: ApplyOptions = {}): UninstallResult {
  assertRunsHere(plan.platform);
  const exec = options.exec ?? defaultExec;
  const result: UninstallResult = { removed: [], kept: [], registryRemoved: [] };
  if (plan.platform === "win32") {
    for (const entry of plan.registry) {
      // Google\Chrome's key may name another browser's manifest; only a key naming one of the
      // manifests being removed goes.
      const value = readRegistryDefault(entry.key, exec);
      if (value === undefined) continue;
      if (value.toLowerCase() !== entry.value.toLowerCase()) {
        result.kept.push({ path: entry.key, reason: `names ${value}` });
        continue;
      }
      const [file = "reg", ...args] = entry.command;
      exec(file, args);
      result.registryRemoved.push(entry.key);
    }
  }
  for (const path of plan.manifests) {
    const text = readIfExists(path);
    if (text === undefined) continue;
    if (readManifest(text)?.name !== NATIVE_HOST_NAME) {
      result.kept.push({ path, reason: `not a ${NATIVE_HOST_NAME} manifest` });
      continue;
    }
    unlinkSync(path);
    result.removed.push(path);
  }
  for (const launcher of plan.launchers) {
    const text = readIfExists(launcher);
    if (text === undefined) continue;
    const users = plan.launcherUsers.filter((m) => existsSync(m) && manifestNames(m, launcher));
    if (!text.includes(LAUNCHER_MARKER))
      result.kept.push({ path: launcher, reason: "not written by vaughan-host install" });
    else if (users.length > 0)
      result.kept.push({ path: launcher, reason: `still named by ${users.join(", ")}` });
    else {
      unlinkSync(launcher);
      result.removed.push(launcher);
    }
  }
  return result;
}
