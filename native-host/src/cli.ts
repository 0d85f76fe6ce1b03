import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import type { DaemonHealth } from "../../protocol/daemonHealth.js";
import type { Platform } from "../install/browsers.js";
import { runInstallCommand } from "../install/command.js";
import { registrationStatus } from "../install/status.js";
import { parseFlags, UsageError } from "./cliArgs.js";
import { accountsCommand } from "./commands/accounts.js";
import { chainsCommand } from "./commands/chains.js";
import { healthLines } from "./commands/healthText.js";
import { initCommand } from "./commands/init.js";
import { exportKeystoreCommand } from "./commands/keystore.js";
import { logsCommand } from "./commands/logs.js";
import { pairCommand } from "./commands/pair.js";
import { revealPhraseCommand } from "./commands/recoveryPhrase.js";
import { serveCommand } from "./commands/serve.js";
import { settingsCommand } from "./commands/settings.js";
import { callDaemon } from "./daemon/client.js";
import { startDaemon } from "./daemon/daemon.js";
import { lockHolder, lockPath } from "./daemon/daemonLock.js";
import { isListening } from "./daemon/localServer.js";
import { discoveryPath, socketPath } from "./daemon/paths.js";
import { ensureHome, resolveHome } from "./home.js";
import { readTrustedIds } from "./trustedIds.js";
import { Vault } from "./vault/Vault.js";
import { pairedOrigins } from "./ws/pairing.js";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const USAGE = `usage: vaughan-host [--home DIR] <command>
  init [--password-file F] [--mnemonic-file F | --private-key-file F | --keystore-file F [--keystore-password-file F]] [--no-show-phrase]
  reveal-phrase [--password-file F]
  accounts [--json] [--all]
  accounts add [--name S] | accounts rename ADDRESS NAME | accounts hide|show ADDRESS   [--password-file F]
  accounts import --private-key-file F | --keystore-file F [--keystore-password-file F]   [--name S] [--password-file F]
  export-keystore --address A --password-file F [--keystore-password-file F]
  chains add --chain-id N --rpc-url URL [--name S] [--symbol S] [--explorer-url URL] | chains list [--json]
  chains edit N [--rpc-url URL] [--explorer-url URL|none] [--name S] | chains remove N | chains default N
  settings [--json] | settings log-retention DAYS | settings auto-lock MINUTES
  serve [--port N]
  unlock --password-file F | lock
  pair
  status [--json]
  logs [--clear]
  install | uninstall [--browser LIST|all|auto] [--user-data-dir DIR]... [--extension-id ID]... [--firefox-id ID]... [--keep-dev-ids] [--dry-run] [--json]`;

/** Splits `--home DIR` (valid anywhere) from the rest. */
function takeHome(argv: readonly string[]): { home: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let home: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--home") home = argv[++i];
    else if (arg.startsWith("--home=")) home = arg.slice(7);
    else rest.push(arg);
  }
  return { home, rest };
}

/** The command line (a browser-launched relay never gets here; see main.ts). Returns the exit code. */
export async function main(argv: readonly string[], hostScript: string, io: Io): Promise<number> {
  const { home: homeFlag, rest } = takeHome(argv);
  const home = resolveHome(homeFlag);
  const [command, ...args] = rest;
  try {
    switch (command) {
      case "init":
        return await initCommand(home, args, io);
      case "reveal-phrase":
        return await revealPhraseCommand(home, args, io);
      case "accounts":
        return await accountsCommand(home, args, io);
      case "export-keystore":
        return await exportKeystoreCommand(home, args, io);
      case "chains":
        return await chainsCommand(home, args, io);
      case "settings":
        return await settingsCommand(home, args, io);
      case "serve":
        return await serveCommand(home, args, io, startDaemon);
      case "unlock":
        return await unlockCommand(home, args, io);
      case "lock":
        parseFlags(args, {});
        await callDaemon(home, "vaughan_lock");
        io.stdout("locked\n");
        return 0;
      case "pair":
        return await pairCommand(home, args, io);
      case "logs":
        return logsCommand(home, args, io);
      case "status":
        return await statusCommand(home, args, hostScript, io);
      case "install":
      case "uninstall":
        return await installCommand(command, home, args, hostScript, io);
      case undefined:
      case "help":
      case "--help":
        io.stdout(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    // Every error is one line on stderr; for bad usage, the usage itself is one command away.
    const message = oneLine((error as Error).message);
    if (error instanceof UsageError) {
      io.stderr(`vaughan-host: ${message} (run 'vaughan-host help')\n`);
      return 2;
    }
    io.stderr(`vaughan-host: ${message}\n`);
    return 1;
  }
}

/** A message folded onto one line: a cause's own line breaks become "; ". */
export function oneLine(message: string): string {
  return message.trim().replace(/\s*\n\s*/g, "; ");
}

async function unlockCommand(home: string, args: string[], io: Io): Promise<number> {
  const { values } = parseFlags(args, { values: ["password-file"] });
  const file = values.get("password-file");
  if (!file) throw new UsageError("unlock needs --password-file F");
  await callDaemon(home, "vaughan_unlock", [readPasswordFile(file)]);
  io.stdout("unlocked\n");
  return 0;
}

/** A password file's first line; a trailing newline is not part of the password. */
export function readPasswordFile(path: string): string {
  const password = readFileSync(path, "utf8").split(/\r?\n/)[0] ?? "";
  if (password.length === 0) throw new Error(`${path} holds no password`);
  return password;
}

async function statusCommand(home: string, args: string[], hostScript: string, io: Io): Promise<number> {
  const { booleans } = parseFlags(args, { booleans: ["json"] });
  const running = await isListening(socketPath(home));
  let pid: number | null = null;
  let port: number | null = null;
  let locked = true;
  let hasVault = Vault.exists(home);
  let health: DaemonHealth | null = null;
  if (running) {
    try {
      const discovery = JSON.parse(readFileSync(discoveryPath(home), "utf8")) as {
        pid?: number;
        port?: number | null;
      };
      pid = discovery.pid ?? null;
      port = discovery.port ?? null;
    } catch {
      // Running but the discovery file is being rewritten; the socket answered, that is enough.
    }
    const status = await callDaemon(home, "vaughan_status", [], 5000);
    locked = status.locked;
    hasVault = status.hasVault;
    health = await callDaemon(home, "vaughan_health", [], 5000);
  }
  const paired = pairedOrigins(home);
  const holder = lockHolder(home);
  const lock = holder
    ? { path: lockPath(home), pid: holder.pid, since: new Date(holder.since).toISOString() }
    : null;
  if (booleans.has("json")) {
    const trusted = readTrustedIds(home);
    const browsers = registrationStatus({
      platform: process.platform as Platform,
      homedir: homedir(),
      home,
      browsers: "auto",
      extensionIds: trusted.chromium,
      firefoxIds: trusted.firefox,
    })
      .filter((r) => r.exists)
      .map((r) => ({ browser: r.browser, manifest: r.manifestPath, ok: r.ok, problems: r.problems }));
    io.stdout(
      `${JSON.stringify({ running, pid, port, locked, hasVault, home, lock, health, paired, browsers })}\n`,
    );
    return 0;
  }
  io.stdout(
    [
      `data folder: ${home}`,
      `daemon: ${running ? `running (pid ${pid ?? "?"})` : "not running"}`,
      `daemon lock: ${lock ? `${lock.path}, held by pid ${lock.pid} since ${lock.since}` : "free"}`,
      ...(health ? healthLines(health) : []),
      `wallet: ${hasVault ? (locked ? "locked" : "unlocked") : "not created (run: vaughan-host init)"}`,
      `websocket: ${port === null ? "not listening" : `ws://127.0.0.1:${port}`}`,
      `paired extensions: ${paired.length === 0 ? "none" : paired.join(", ")}`,
      "",
    ].join("\n"),
  );
  return runInstallCommand("status", [], { home, hostScript, stdout: io.stdout, stderr: io.stderr });
}

async function installCommand(
  command: "install" | "uninstall",
  home: string,
  args: string[],
  hostScript: string,
  io: Io,
): Promise<number> {
  ensureHome(home);
  return runInstallCommand(command, args, { home, hostScript, stdout: io.stdout, stderr: io.stderr });
}
