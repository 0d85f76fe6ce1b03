import { readFileSync } from "node:fs";
import type { Io } from "../cli.js";
import { readPasswordFile } from "../cli.js";
import { parseFlags, UsageError } from "../cliArgs.js";
import { ensureHome } from "../home.js";
import { Vault } from "../vault/Vault.js";
import type { VaultSource } from "../vault/vaultSource.js";
import { readKeystoreFile } from "./keystore.js";
import { promptHidden } from "./prompt.js";
import { phraseNotice } from "./recoveryPhrase.js";

const MIN_PASSWORD = 8;

/**
 * `init`: creates the encrypted vault. With flags it never prompts (scripts, CI); with none it
 * asks for the password twice. A new mnemonic is shown once on stderr unless `--no-show-phrase`.
 */
export async function initCommand(home: string, args: string[], io: Io): Promise<number> {
  const { values, booleans } = parseFlags(args, {
    values: ["password-file", "mnemonic-file", "private-key-file", "keystore-file", "keystore-password-file"],
    booleans: ["no-show-phrase"],
  });
  const imports = ["mnemonic-file", "private-key-file", "keystore-file"].filter((flag) => values.has(flag));
  if (imports.length > 1)
    throw new UsageError("give one of --mnemonic-file, --private-key-file, --keystore-file");
  ensureHome(home);
  if (Vault.exists(home)) throw new Error(`a wallet already exists in ${home}; refusing to overwrite it`);
  const passwordFile = values.get("password-file");
  let password: string;
  if (passwordFile) {
    password = readPasswordFile(passwordFile);
  } else {
    if (!process.stdin.isTTY)
      throw new UsageError("no terminal to ask for a password: use --password-file F");
    password = await promptHidden("New wallet password: ");
    if ((await promptHidden("Repeat the password: ")) !== password) throw new Error("the passwords differ");
  }
  if (password.length < MIN_PASSWORD)
    throw new Error(`the password must have at least ${MIN_PASSWORD} characters`);
  const mnemonicFile = values.get("mnemonic-file");
  const keyFile = values.get("private-key-file");
  const keystoreFile = values.get("keystore-file");
  const keystorePasswordFile = values.get("keystore-password-file");
  const source: VaultSource = mnemonicFile
    ? { kind: "mnemonic", mnemonic: readFileSync(mnemonicFile, "utf8").trim().split(/\s+/).join(" ") }
    : keyFile
      ? { kind: "privateKey", key: readFileSync(keyFile, "utf8").trim() as `0x${string}` }
      : keystoreFile
        ? {
            kind: "keystore",
            json: readKeystoreFile(keystoreFile),
            keystorePassword: keystorePasswordFile ? readPasswordFile(keystorePasswordFile) : password,
          }
        : { kind: "new" };
  const created = await Vault.create(home, password, source);
  // A new phrase is shown once, on stderr: stdout stays the address, for scripts.
  if (created.mnemonic && booleans.has("no-show-phrase")) {
    io.stderr(
      "warning: the new recovery phrase was not shown; run `vaughan-host reveal-phrase` and write it down\n",
    );
  } else if (created.mnemonic) io.stderr(phraseNotice(created.mnemonic));
  io.stdout(`${created.address}\n`);
  return 0;
}
