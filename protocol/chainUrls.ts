const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * An RPC endpoint the wallet will use: https everywhere, plain http only to this machine (a
 * devnet). The one rule for a dApp's `wallet_addEthereumChain` (EIP-3085), the Networks screen
 * and `chains add` / `chains edit`.
 */
export function isAllowedRpcUrl(text: string): boolean {
  if (text.length > 2048) return false;
  try {
    const url = new URL(text);
    return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname));
  } catch {
    return false;
  }
}

/** A block explorer link the wallet will show: https only, as EIP-3085 asks of `blockExplorerUrls`. */
export function isAllowedExplorerUrl(text: string): boolean {
  if (text.length > 2048) return false;
  try {
    return new URL(text).protocol === "https:";
  } catch {
    return false;
  }
}
