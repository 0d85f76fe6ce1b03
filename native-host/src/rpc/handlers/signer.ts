import type { Hex, LocalAccount } from "viem";
import { UnauthorizedError } from "../../../../protocol/errors.js";
import type { RequestContext } from "../Handler.js";

/**
 * The account `address` may sign for this origin: permitted to it and present in the vault.
 * A signer the site may not use is 4100 (docs/security.md test 12), checked before any approval.
 */
export function requirePermitted({ origin, wallet, own }: RequestContext, address: string): string {
  const account = wallet
    .vault()
    ?.accounts()
    .find((a) => a.address.toLowerCase() === address.toLowerCase());
  // The wallet's own Send screen may use any of its accounts, hidden ones included.
  if (own && account) return address.toLowerCase();
  const permitted = wallet.sites.permittedAccounts(origin).map((a) => a.toLowerCase());
  // A hidden account keeps its grant (showing it again restores it) but signs for no site.
  if (!permitted.includes(address.toLowerCase()) || account?.hidden) {
    throw new UnauthorizedError(`The requested account ${address} has not been authorized by the user`);
  }
  return address.toLowerCase();
}

/** The signing account after approval; the vault must be unlocked by then. */
export function signerAccount({ wallet }: RequestContext, address: string): LocalAccount {
  const vault = wallet.vault();
  if (!vault?.isUnlocked) throw new UnauthorizedError("The wallet is locked");
  vault.touch();
  return vault.account(address);
}

/** Signs a 32-byte digest after approval, with no prefix: the digest already says what it is. */
export async function signDigest(ctx: RequestContext, address: string, digest: Hex): Promise<Hex> {
  const account = signerAccount(ctx, address);
  if (!account.sign) throw new Error("This account cannot sign a digest");
  return account.sign({ hash: digest });
}
