import { readFileSync } from "node:fs";
import type { Io } from "../cli.js";
import { readPasswordFile } from "../cli.js";
import { parseFlags, UsageError } from "../cliArgs.js";
import { Vault } from "../vault/Vault.js";

/**
 * `export-keystore --address A --password-file F [--keystore-password-file F]`: one account as
 * a Web3 Secret Storage v3 file on stdout, encrypted with the keystore password (the vault
 * password when none is given). https://ethereum.org/en/developers/docs/data-structures-and-encoding/web3-secret-storage/
 */
export async function exportKeystoreCommand(home: string, args: string[], io: Io): Promise<number> {
  const { values } = parseFlags(args, { values: ["address", "password-file", "keystore-password-file"] });
  const address = values.get("address");
  const passwordFile = values.get("password-file");
  if (!address || !passwordFile)
    throw new UsageError("export-keystore needs --address A and --password-file F");
  if (!Vault.exists(home)) throw new Error("no wallet yet: run `vaughan-host init` first");
  const password = readPasswordFile(passwordFile);
  const keystorePasswordFile = values.get("keystore-password-file");
  const vault = Vault.load(home);
  await vault.unlock(password);
  try {
    const keystore = await vault.exportKeystore(
      address,
      keystorePasswordFile ? readPasswordFile(keystorePasswordFile) : password,
    );
    io.stdout(`${JSON.stringify(keystore)}\n`);
  } finally {
    vault.lock();
  }
  return 0;
}

/** Reads a keystore file for `init --keystore-file`. */
export function readKeystoreFile(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}
