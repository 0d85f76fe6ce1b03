/**
 * The writer killed by persistence.test.ts: performs writes `from`..`to` in order and prints
 * `ack <k>` only after write k returned, so every ack is a promise that k is durable. Sites are
 * written through SiteStore (JsonStore); every tenth write replaces the vault with one of two
 * sealed vaults prepared by the test, through writeVaultFile (the vault's own writer).
 */
import { readFileSync } from "node:fs";
import { SiteStore } from "../../native-host/src/stores/sites.js";
import { VaultFileSchema, writeVaultFile } from "../../native-host/src/vault/vaultFile.js";

const [home, fromArg, toArg, variantA, variantB] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const variants = [variantA, variantB].map((path) =>
  VaultFileSchema.parse(JSON.parse(readFileSync(path, "utf8"))),
);
const sites = new SiteStore(home);
const ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

process.stdout.write("ready\n");
for (let k = Number(fromArg); k < Number(toArg); k++) {
  if (k % 10 === 0) writeVaultFile(home, variants[(k / 10) % 2] as (typeof variants)[number]);
  else sites.grant(`https://site-${k}.example`, [ADDRESS]);
  process.stdout.write(`ack ${k}\n`);
}
