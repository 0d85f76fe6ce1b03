import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const HOST_SCRIPT = resolve("dist/host/vaughan-host.mjs");
/** anvil's well-known development mnemonic: its accounts are funded on every anvil chain. */
export const TEST_MNEMONIC = "test test test test test test test test test test test junk";
export const TEST_ADDRESS_0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
export const TEST_PASSWORD = "correct horse battery staple";

export interface HostResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built host CLI with a private data folder (and HOME, so nothing real is touched). */
export function runHost(args: string[], env: { home: string; fakeHome?: string }): Promise<HostResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [HOST_SCRIPT, ...args],
      {
        env: { ...process.env, VAUGHAN_HOME: env.home, ...(env.fakeHome ? { HOME: env.fakeHome } : {}) },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

export interface TempDirs {
  root: string;
  /** VAUGHAN_HOME */
  home: string;
  /** HOME for the host and browser */
  fakeHome: string;
  profile: string;
  cleanup(): Promise<void>;
}

export function tempDirs(): TempDirs {
  const root = mkdtempSync(join(tmpdir(), "vaughan-test-"));
  const dirs = {
    root,
    home: join(root, "vaughan"),
    fakeHome: join(root, "home"),
    profile: join(root, "profile"),
  };
  return {
    ...dirs,
    async cleanup() {
      await stopDaemon(dirs.home);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A vault from anvil's mnemonic, so its first account is funded. */
export async function initTestVault(dirs: { home: string; root: string; fakeHome: string }): Promise<void> {
  const passwordFile = join(dirs.root, "password.txt");
  const mnemonicFile = join(dirs.root, "mnemonic.txt");
  writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
  writeFileSync(mnemonicFile, `${TEST_MNEMONIC}\n`);
  const result = await runHost(
    ["init", "--password-file", passwordFile, "--mnemonic-file", mnemonicFile],
    dirs,
  );
  if (result.code !== 0) throw new Error(`init failed: ${result.stderr}`);
}

/**
 * Stops the daemon that a relay started and waits for it to exit. The pid comes from the
 * discovery file, so a daemon that no longer answers on its socket is stopped all the same.
 */
export async function stopDaemon(home: string): Promise<void> {
  let pid: number | undefined;
  try {
    pid = (JSON.parse(readFileSync(join(home, "daemon.json"), "utf8")) as { pid?: number }).pid;
  } catch {
    return;
  }
  if (typeof pid !== "number") return;
  // A daemon killed with SIGKILL leaves its file behind; never signal a process that reused the pid.
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (!cmdline.includes("vaughan-host") && !cmdline.includes(home)) return;
  } catch {
    return;
  }
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return;
  }
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  process.kill(pid, "SIGKILL");
}

/** Runs the CLI and throws with its stderr unless it exits 0. */
export async function runHostOk(
  args: string[],
  env: { home: string; fakeHome?: string },
): Promise<HostResult> {
  const result = await runHost(args, env);
  if (result.code !== 0) throw new Error(`vaughan-host ${args.join(" ")} failed: ${result.stderr}`);
  return result;
}

/**
 * The data folder as most tests want it: a vault from anvil's mnemonic (unless `vault: false`)
 * and the given chain added and made the default, all through the real CLI.
 */
export async function prepareHome(
  dirs: { home: string; root: string; fakeHome: string },
  chain: { url: string; chainId: number },
  opts: { vault?: boolean } = {},
): Promise<void> {
  if (opts.vault !== false) await initTestVault(dirs);
  await runHostOk(
    ["chains", "add", "--chain-id", String(chain.chainId), "--rpc-url", chain.url, "--name", "Anvil"],
    dirs,
  );
  await runHostOk(["chains", "default", String(chain.chainId)], dirs);
}
