import { english, generateMnemonic } from "viem/accounts";
import { decryptKeystore } from "./keystore.js";
import { normalizeMnemonic } from "./mnemonic.js";
import { parsePrivateKey } from "./privateKey.js";
import type { VaultSecrets } from "./vaultSecrets.js";

/** What a new vault starts from: a fresh mnemonic, a recovery phrase, a private key or a v3 keystore. */
export type VaultSource =
  | { kind: "new" }
  | { kind: "mnemonic"; mnemonic: string }
  | { kind: "privateKey"; key: string }
  | { kind: "keystore"; json: unknown; keystorePassword: string };

/**
 * The first secrets of a vault, validated: a BIP-39 checksum, a secp256k1 scalar, or a keystore
 * whose MAC matched. `created` is the mnemonic only when it was generated here (128 bits, 12
 * words, BIP-39), so the caller can show it once.
 */
export async function secretsFromSource(
  source: VaultSource,
): Promise<{ secrets: VaultSecrets; created?: string }> {
  switch (source.kind) {
    case "new": {
      const mnemonic = generateMnemonic(english);
      return { secrets: { mnemonic, accounts: [{ kind: "hd", index: 0 }] }, created: mnemonic };
    }
    case "mnemonic":
      return {
        secrets: { mnemonic: normalizeMnemonic(source.mnemonic), accounts: [{ kind: "hd", index: 0 }] },
      };
    case "privateKey":
      return { secrets: { accounts: [{ kind: "key", privateKey: parsePrivateKey(source.key) }] } };
    case "keystore": {
      const key = await decryptKeystore(source.json, source.keystorePassword);
      try {
        return { secrets: { accounts: [{ kind: "key", privateKey: parsePrivateKey(key) }] } };
      } finally {
        key.fill(0);
      }
    }
  }
}
