import { type Hex, toHex } from "viem";
import { HDKey, type LocalAccount, privateKeyToAccount } from "viem/accounts";
import * as z from "zod";
import { mnemonicToSeed } from "./mnemonic.js";

/** Where an account's key comes from: an HD index under the mnemonic, or an imported key. */
export const AccountSecretSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("hd"),
      index: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1),
    })
    .strict(),
  z
    .object({
      kind: z.literal("key"),
      privateKey: z.string().regex(/^0x[0-9a-f]{64}$/) as z.ZodType<Hex>,
    })
    .strict(),
]);

export type AccountSecret = z.infer<typeof AccountSecretSchema>;

/**
 * The encrypted part of the vault. `accounts[i]` is the secret of the public `accounts[i]`;
 * the two lists are checked against each other on every unlock.
 */
export const VaultSecretsSchema = z
  .object({
    mnemonic: z.string().max(512).optional(),
    accounts: z.array(AccountSecretSchema).min(1).max(1000),
  })
  .strict();

export type VaultSecrets = z.infer<typeof VaultSecretsSchema>;

/** A usable key: the viem account that signs, and its private key for keystore export. */
export interface Signer {
  account: LocalAccount;
  privateKey: Hex;
}

/** The BIP-44 path of Ethereum account `index`, as MetaMask, Ledger Live and viem use it. */
export const hdPath = (index: number) => `m/44'/60'/0'/0/${index}` as const;

/** The BIP-32 master key of a mnemonic. Callers wipe it when done. https://github.com/bitcoin/bips/blob/master/bip-0032.mediawiki */
export async function hdRoot(mnemonic: string): Promise<HDKey> {
  const seed = await mnemonicToSeed(mnemonic);
  try {
    return HDKey.fromMasterSeed(seed);
  } finally {
    seed.fill(0);
  }
}

/** The signer for one account secret; `root` is needed for HD accounts. */
export function toSigner(secret: AccountSecret, root: HDKey | undefined): Signer {
  if (secret.kind === "key")
    return { account: privateKeyToAccount(secret.privateKey), privateKey: secret.privateKey };
  if (!root) throw new Error("the vault is corrupt: an HD account without a recovery phrase");
  const child = root.derive(hdPath(secret.index));
  if (!child.privateKey) throw new Error("HD derivation yielded no private key");
  const privateKey = toHex(child.privateKey);
  child.wipePrivateData();
  return { account: privateKeyToAccount(privateKey), privateKey };
}

/** Every account's signer, in order. The mnemonic's seed is derived once and wiped after. */
export async function toSigners(secrets: VaultSecrets): Promise<Signer[]> {
  const root = secrets.mnemonic ? await hdRoot(secrets.mnemonic) : undefined;
  try {
    return secrets.accounts.map((secret) => toSigner(secret, root));
  } finally {
    root?.wipePrivateData();
  }
}
