import { decodeAbiParameters, encodeFunctionData, getAddress, type Hex, hexToString, parseAbi } from "viem";
import type { TokenRef, TokenStandard } from "../../../protocol/approvalDetails.js";
import type { Chain } from "../stores/chains.js";
import { chainRequest } from "../wallet/chainClient.js";

/**
 * What a contract says it is, read from the site's chain itself (never from a token list or a
 * third-party service): its standard by ERC-165 (ERC-721, ERC-1155) or, failing that, by
 * answering `decimals()` (ERC-20), and its name, symbol and decimals where it has them. Every
 * read may fail: a token without a symbol (ERC-20 makes them optional) still decodes.
 */
export interface TokenInfo {
  address: string;
  /** False when the address holds no code (an account, or a contract not deployed yet). */
  hasCode: boolean;
  standard?: TokenStandard;
  name?: string;
  symbol?: string;
  decimals?: number;
}

export const ERC165_INTERFACE = "0x01ffc9a7";
export const ERC721_INTERFACE = "0x80ac58cd";
export const ERC1155_INTERFACE = "0xd9b67a26";

const abi = parseAbi([
  "function supportsInterface(bytes4 interfaceId) view returns (bool)",
  "function name() view returns (string)",
  "function symbol() view returns (string)",
  "function decimals() view returns (uint8)",
]);

/** Entries kept across chains; the least recently used goes first. */
const MAX_ENTRIES = 512;
/** A contract's answers can change (an upgradeable proxy): read again after this long. */
const TTL_MS = 10 * 60_000;
const cache = new Map<string, { at: number; info: Promise<TokenInfo> }>();

/**
 * The token's standard and metadata on `chain`, cached per chain (and RPC endpoint: a chain
 * pointed at another node reads again). A read the node could not answer is not cached.
 */
export function tokenInfo(chain: Chain, address: string): Promise<TokenInfo> {
  const key = `${chain.chainId}\n${chain.rpcUrls[0]}\n${address.toLowerCase()}`;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < TTL_MS) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.info;
  }
  const info = readTokenInfo(chain, address);
  cache.set(key, { at: now, info });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  info.catch(() => cache.delete(key));
  return info;
}

/**
 * The token as the approval window names it: what `tokenInfo` read, or only its address when
 * the node could not be asked (the amount is then shown in base units).
 */
export async function tokenRef(chain: Chain, address: string): Promise<TokenRef> {
  const info = await tokenInfo(chain, address).catch(() => undefined);
  if (!info) return { address: getAddress(address) };
  const ref: TokenRef = { address: info.address };
  if (info.standard !== undefined) ref.standard = info.standard;
  if (info.name !== undefined) ref.name = info.name;
  if (info.symbol !== undefined) ref.symbol = info.symbol;
  if (info.decimals !== undefined) ref.decimals = info.decimals;
  return ref;
}

/** Empties the cache (tests that redeploy at the same address). */
export function clearTokenInfoCache(): void {
  cache.clear();
}

async function readTokenInfo(chain: Chain, address: string): Promise<TokenInfo> {
  const checksummed = getAddress(address);
  // An unreachable node throws here, and nothing is cached.
  const code = (await chainRequest(chain, "eth_getCode", [checksummed, "latest"])) as Hex;
  if (!code || code === "0x" || isDelegationCode(code)) return { address: checksummed, hasCode: false };
  const call = async (data: Hex): Promise<Hex | undefined> => {
    try {
      return (await chainRequest(chain, "eth_call", [{ to: checksummed, data }, "latest"])) as Hex;
    } catch {
      return undefined;
    }
  };
  const supports = async (id: Hex) =>
    asBool(await call(encodeFunctionData({ abi, functionName: "supportsInterface", args: [id] })));
  const [erc165, notAll, erc721, erc1155, name, symbol, decimals] = await Promise.all([
    supports(ERC165_INTERFACE),
    supports("0xffffffff"),
    supports(ERC721_INTERFACE),
    supports(ERC1155_INTERFACE),
    call(encodeFunctionData({ abi, functionName: "name" })),
    call(encodeFunctionData({ abi, functionName: "symbol" })),
    call(encodeFunctionData({ abi, functionName: "decimals" })),
  ]);
  // EIP-165's own detection: a contract that says yes to everything (a catch-all fallback)
  // says yes to 0xffffffff too, and is believed about nothing.
  const honest165 = erc165 === true && notAll === false;
  const decimalsValue = asDecimals(decimals);
  let standard: TokenStandard | undefined;
  if (honest165 && erc721) standard = "erc721";
  else if (honest165 && erc1155) standard = "erc1155";
  else if (decimalsValue !== undefined) standard = "erc20";
  return {
    address: checksummed,
    hasCode: true,
    standard,
    name: asText(name, 128),
    symbol: asText(symbol, 32),
    decimals: standard === "erc20" ? decimalsValue : undefined,
  };
}

/** `0xef0100` + 20 bytes: an EIP-7702 delegation, which is an account's, not a contract's code. */
export function isDelegationCode(code: string): boolean {
  return /^0xef0100[0-9a-fA-F]{40}$/.test(code);
}

function asBool(data: Hex | undefined): boolean | undefined {
  if (data?.length !== 66) return undefined;
  const value = BigInt(data);
  return value === 1n ? true : value === 0n ? false : undefined;
}

function asDecimals(data: Hex | undefined): number | undefined {
  if (data?.length !== 66) return undefined;
  const value = BigInt(data);
  return value <= 255n ? Number(value) : undefined;
}

/**
 * A name or symbol as a person may be shown it: a string (or a bytes32, as old tokens return),
 * without control or direction-changing characters (a symbol must not reorder the line it sits
 * in), trimmed and bounded. Undefined when nothing readable is left.
 */
function asText(data: Hex | undefined, max: number): string | undefined {
  if (!data || data === "0x") return undefined;
  let text: string | undefined;
  try {
    [text] = decodeAbiParameters([{ type: "string" }], data);
  } catch {
    if (data.length === 66) {
      try {
        text = hexToString(data).replace(/\0+$/, "");
      } catch {
        text = undefined;
      }
    }
  }
  if (text === undefined) return undefined;
  const clean = text
    .replace(/[\p{Cc}\p{Cf}\u{fffd}]/gu, "")
    .trim()
    .slice(0, max);
  return clean.length > 0 ? clean : undefined;
}
