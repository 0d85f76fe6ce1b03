import { readFileSync } from "node:fs";
import type { UiAccount as VaultAccount } from "../../../protocol/ui.js";
import type { Io } from "../cli.js";
import { readPasswordFile } from "../cli.js";
import { parseFlags, UsageError } from "../cliArgs.js";
import { callDaemon } from "../daemon/client.js";
import { isListening } from "../daemon/localServer.js";
import { socketPath } from "../daemon/paths.js";
import { decryptKeystore } from "../vault/keystore.js";
import { parsePrivateKey } from "../vault/privateKey.js";
import { Vault } from "../vault/Vault.js";
import { readKeystoreFile } from "./keystore.js";
import { promptHidden } from "./prompt.js";

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function requireVault(home: string): void {
  if (!Vault.exists(home)) throw new Error("no wallet yet: run `vaughan-host init` first");
}

function address(text: string | undefined, usage: string): string {
  if (!text) throw new UsageError(usage);
  if (!ADDRESS.test(text)) throw new UsageError(`invalid address "${text}"`);
  return text;
}

async function password(file: string | undefined): Promise<string> {
  if (file) return readPasswordFile(file);
  if (!process.stdin.isTTY)
    throw new UsageError(
      "the wallet is locked and there is no terminal to ask for its password: use --password-file F",
    );
  return promptHidden("Wallet password: ");
}

/**
 * A change to the vault's account list. With the daemon running and unlocked it makes the change
 * (no password needed, and no two writers); otherwise the vault file is opened here with the
 * password and the running daemon, if any, reads it again.
 */
async function change(
  home: string,
  passwordFile: string | undefined,
  viaDaemon: (() => Promise<VaultAccount>) | null,
  inFile: (vault: Vault, password: string) => Promise<VaultAccount>,
): Promise<VaultAccount> {
  const running = await isListening(socketPath(home));
  if (running && viaDaemon && !(await callDaemon(home, "vaughan_status")).locked) return viaDaemon();
  const vault = Vault.load(home);
  const secret = await password(passwordFile);
  await vault.unlock(secret);
  let result: VaultAccount;
  try {
    result = await inFile(vault, secret);
  } finally {
    vault.lock();
  }
  if (running) await callDaemon(home, "vaughan_reload");
  return result;
}

const line = (a: VaultAccount) => `${a.address}  ${a.name}${a.hidden ? "  (hidden)" : ""}\n`;

/**
 * `accounts [--json] [--all]`, `accounts add [--name S]`, `accounts rename ADDRESS NAME`,
 * `accounts hide|show ADDRESS`, `accounts import --private-key-file F | --keystore-file F
 * [--keystore-password-file F] [--name S]`; each change takes `--password-file F` when the daemon
 * is not running unlocked. Private keys and keystores are read from files here, never through
 * the browser.
 */
export async function accountsCommand(home: string, args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub.startsWith("--")) {
    const { booleans } = parseFlags(args, { booleans: ["json", "all"] });
    requireVault(home);
    const all = Vault.load(home).accounts();
    const accounts = booleans.has("all") ? all : all.filter((a) => !a.hidden);
    if (booleans.has("json")) io.stdout(`${JSON.stringify(accounts)}\n`);
    else for (const a of accounts) io.stdout(line(a));
    return 0;
  }
  switch (sub) {
    case "add": {
      const { values, positional } = parseFlags(rest, { values: ["name", "password-file"] });
      if (positional.length > 0) throw new UsageError("accounts add takes no arguments (use --name S)");
      requireVault(home);
      const name = values.get("name");
      const added = await change(
        home,
        values.get("password-file"),
        () => callDaemon(home, "vaughan_addAccount", name === undefined ? [] : [name]),
        (vault) => vault.addAccount(name),
      );
      io.stdout(line(added));
      return 0;
    }
    case "rename": {
      const { values, positional } = parseFlags(rest, { values: ["password-file"] });
      const usage = "accounts rename needs ADDRESS NAME";
      const target = address(positional[0], usage);
      const name = positional.slice(1).join(" ");
      if (!name) throw new UsageError(usage);
      requireVault(home);
      const renamed = await change(
        home,
        values.get("password-file"),
        () => callDaemon(home, "vaughan_renameAccount", [target, name]),
        (vault) => vault.renameAccount(target, name),
      );
      io.stdout(line(renamed));
      return 0;
    }
    case "hide":
    case "show": {
      const { values, positional } = parseFlags(rest, { values: ["password-file"] });
      const target = address(positional[0], `accounts ${sub} needs ADDRESS`);
      if (positional.length > 1) throw new UsageError(`accounts ${sub} takes one ADDRESS`);
      requireVault(home);
      const hidden = sub === "hide";
      const changed = await change(
        home,
        values.get("password-file"),
        () => callDaemon(home, "vaughan_setAccountHidden", [target, hidden]),
        (vault) => vault.setHidden(target, hidden),
      );
      io.stdout(line(changed));
      return 0;
    }
    case "import": {
      const { values, positional } = parseFlags(rest, {
        values: ["private-key-file", "keystore-file", "keystore-password-file", "name", "password-file"],
      });
      if (positional.length > 0) throw new UsageError("accounts import takes no arguments");
      const keyFile = values.get("private-key-file");
      const keystoreFile = values.get("keystore-file");
      if ((keyFile === undefined) === (keystoreFile === undefined))
        throw new UsageError("accounts import needs one of --private-key-file F or --keystore-file F");
      if (keyFile && values.has("keystore-password-file"))
        throw new UsageError("--keystore-password-file goes with --keystore-file");
      requireVault(home);
      const name = values.get("name");
      // Always in this process: a key never travels to the daemon, whose calls extension pages share.
      const imported = await change(
        home,
        values.get("password-file"),
        null,
        async (vault, walletPassword) => {
          if (keyFile) return vault.importPrivateKey(readFileSync(keyFile, "utf8"), name);
          const keystorePasswordFile = values.get("keystore-password-file");
          // As `init` and `export-keystore` do: the wallet's password unless another is given.
          const keystorePassword = keystorePasswordFile
            ? readPasswordFile(keystorePasswordFile)
            : walletPassword;
          const key = await decryptKeystore(readKeystoreFile(keystoreFile as string), keystorePassword);
          try {
            return await vault.importPrivateKey(parsePrivateKey(key), name);
          } finally {
            key.fill(0);
          }
        },
      );
      io.stdout(line(imported));
      return 0;
    }
    default:
      throw new UsageError(`accounts needs add, rename, hide, show or import (or --json, --all)`);
  }
}
