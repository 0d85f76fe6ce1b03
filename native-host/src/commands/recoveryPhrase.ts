import type { Io } from "../cli.js";
import { readPasswordFile } from "../cli.js";
import { parseFlags, UsageError } from "../cliArgs.js";
import { openVault } from "../vault/vaultCrypto.js";
import { readVaultFile, vaultExists } from "../vault/vaultFile.js";
import { promptHidden } from "./prompt.js";

/** The recovery phrase with what a person must know about it, as `init` and `reveal-phrase` show it. */
export function phraseNotice(mnemonic: string): string {
  return [
    "",
    "Your recovery phrase. Write it down on paper and keep it offline: anyone who has it owns",
    "this wallet, and it is the only way back in if you forget the password. It is shown once.",
    "(`vaughan-host reveal-phrase` shows it again, after the password.)",
    "",
    `    ${mnemonic}`,
    "",
    "",
  ].join("\n");
}

/**
 * `reveal-phrase [--password-file F]`: decrypts the vault file (no daemon needed, and nothing
 * of it stays in memory after) and prints the recovery phrase alone on stdout, after the
 * password from the file or a hidden prompt; a one-line warning goes to stderr.
 */
export async function revealPhraseCommand(home: string, args: string[], io: Io): Promise<number> {
  const { values } = parseFlags(args, { values: ["password-file"] });
  if (!vaultExists(home)) throw new Error("no wallet yet: run `vaughan-host init` first");
  const passwordFile = values.get("password-file");
  let password: string;
  if (passwordFile) password = readPasswordFile(passwordFile);
  else {
    if (!process.stdin.isTTY)
      throw new UsageError("no terminal to ask for the password: use --password-file F");
    password = await promptHidden("Wallet password: ");
  }
  const { mnemonic } = await openVault(readVaultFile(home), password);
  if (!mnemonic)
    throw new Error("this wallet has no recovery phrase: it was made from a private key or a keystore");
  io.stderr("warning: anyone who has this phrase owns the wallet; write it on paper and keep it offline\n");
  io.stdout(`${mnemonic}\n`);
  return 0;
}
