// Runs the built host CLI (dist/host/vaughan-host.mjs) from the first-run scripts.
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Absolute path of the built host program. */
export const HOST_SCRIPT = fileURLToPath(new URL("../../dist/host/vaughan-host.mjs", import.meta.url));

/** Fails early with the fix when the build has not run. */
export function requireBuild() {
  if (!existsSync(HOST_SCRIPT)) throw new Error(`${HOST_SCRIPT} is missing: run \`npm run build\` first`);
}

/**
 * Runs `vaughan-host ...args` and collects its output (never throws for a non-zero exit).
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
export function host(args, env = process.env) {
  return new Promise((resolve) => {
    execFile(process.execPath, [HOST_SCRIPT, ...args], { env, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Runs `vaughan-host ...args` on this terminal (prompts, hidden input) and resolves its exit code.
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<number>}
 */
export function hostInteractive(args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [HOST_SCRIPT, ...args], { env, stdio: "inherit" });
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

/**
 * `vaughan-host status --json`, parsed.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<{ running: boolean, pid: number | null, port: number | null, locked: boolean, hasVault: boolean, home: string }>}
 */
export async function hostStatus(env = process.env) {
  const r = await host(["status", "--json"], env);
  const line = r.stdout.split("\n")[0] ?? "";
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`vaughan-host status --json failed: ${r.stderr.trim() || line}`);
  }
}

/**
 * Starts the daemon as the relay does (`serve --detached` in its own session, outliving this
 * script) and waits until `status` sees it running.
 * @param {NodeJS.ProcessEnv} [env]
 */
export async function startDaemonDetached(env = process.env) {
  const child = spawn(process.execPath, [HOST_SCRIPT, "serve", "--detached"], {
    detached: true,
    stdio: "ignore",
    env,
  });
  child.unref();
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const status = await hostStatus(env);
    if (status.running && status.pid !== null) return status;
    if (child.exitCode !== null)
      throw new Error(`the daemon exited with code ${child.exitCode}; run \`vaughan-host serve\` to see why`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the daemon did not start within 15 s; run `vaughan-host serve` to see why");
}

/**
 * Stops the daemon of the data folder in `env` (its pid from `status --json`) and waits until
 * it has exited. Returns the pid it stopped, or null when none was running.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<number | null>}
 */
export async function stopDaemon(env = process.env) {
  const { pid } = await hostStatus(env);
  if (pid === null) return null;
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) process.kill(pid, "SIGTERM");
  const deadline = Date.now() + 5000;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (alive()) process.kill(pid, "SIGKILL");
  return pid;
}
