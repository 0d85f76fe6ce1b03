import {
  type AbiFunction,
  erc20Abi,
  erc721Abi,
  erc1155Abi,
  type Hex,
  parseAbiItem,
  toFunctionSelector,
} from "viem";
import type { TokenStandard } from "../../../protocol/approvalDetails.js";

/**
 * The calls the approval window decodes: a curated, offline table (no signature service is
 * asked, so a page cannot learn what the wallet looks up). Each entry says which family of
 * contract it belongs to and what its arguments mean, so warnings and the summary read roles,
 * not positions. Two families share selectors (`approve(address,uint256)`,
 * `transferFrom(address,address,uint256)` are ERC-20's and ERC-721's): which one applies is
 * decided by what the chain says the target is, never by the selector.
 */

export type CallFamily = TokenStandard | "weth" | "permit2" | "multicall";

/** What a call does, for warnings and the summary. */
export type CallAction =
  | "approve"
  | "increase-allowance"
  | "decrease-allowance"
  | "approval-for-all"
  | "transfer"
  | "transfer-batch"
  | "wrap"
  | "unwrap"
  | "permit2-approve"
  | "multicall";

/** Argument names (as in `item.inputs`) that carry each role. */
export interface CallRoles {
  /** Who receives a permission: spender or operator. */
  spender?: string;
  /** setApprovalForAll's flag. */
  approved?: string;
  from?: string;
  recipient?: string;
  /** An ERC-20 amount (token decimals), a wrap/unwrap amount, an ERC-1155 value. */
  amount?: string;
  tokenId?: string;
  tokenIds?: string;
  amounts?: string;
  /** Permit2: the token the permission is for. */
  token?: string;
  /** Permit2: when the permission ends. */
  expiration?: string;
  /** multicall: the inner calls. */
  calls?: string;
}

export interface AbiEntry {
  item: AbiFunction;
  family: CallFamily;
  action: CallAction;
  roles: CallRoles;
}

function fromAbi(abi: readonly unknown[], name: string, inputCount: number): AbiFunction {
  const found = (abi as AbiFunction[]).find(
    (x) => x.type === "function" && x.name === name && x.inputs.length === inputCount,
  );
  if (!found) throw new Error(`viem's ABI has no ${name} with ${inputCount} inputs`);
  return found;
}

const fn = (signature: string) => parseAbiItem(signature) as AbiFunction;

/** Every entry; `selectorTable` indexes them. */
export const ABI_ENTRIES: readonly AbiEntry[] = [
  // ERC-20 (viem's ABI where it has the function).
  {
    item: fromAbi(erc20Abi, "transfer", 2),
    family: "erc20",
    action: "transfer",
    roles: { recipient: "recipient", amount: "amount" },
  },
  {
    item: fromAbi(erc20Abi, "transferFrom", 3),
    family: "erc20",
    action: "transfer",
    roles: { from: "sender", recipient: "recipient", amount: "amount" },
  },
  {
    item: fromAbi(erc20Abi, "approve", 2),
    family: "erc20",
    action: "approve",
    roles: { spender: "spender", amount: "amount" },
  },
  {
    item: fn("function increaseAllowance(address spender, uint256 addedValue) returns (bool)"),
    family: "erc20",
    action: "increase-allowance",
    roles: { spender: "spender", amount: "addedValue" },
  },
  {
    item: fn("function decreaseAllowance(address spender, uint256 subtractedValue) returns (bool)"),
    family: "erc20",
    action: "decrease-allowance",
    roles: { spender: "spender", amount: "subtractedValue" },
  },
  // ERC-721.
  {
    item: fromAbi(erc721Abi, "approve", 2),
    family: "erc721",
    action: "approve",
    roles: { spender: "spender", tokenId: "tokenId" },
  },
  {
    item: fromAbi(erc721Abi, "setApprovalForAll", 2),
    family: "erc721",
    action: "approval-for-all",
    roles: { spender: "operator", approved: "approved" },
  },
  {
    item: fromAbi(erc721Abi, "transferFrom", 3),
    family: "erc721",
    action: "transfer",
    roles: { from: "sender", recipient: "recipient", tokenId: "tokenId" },
  },
  {
    item: fromAbi(erc721Abi, "safeTransferFrom", 3),
    family: "erc721",
    action: "transfer",
    roles: { from: "from", recipient: "to", tokenId: "tokenId" },
  },
  {
    item: fromAbi(erc721Abi, "safeTransferFrom", 4),
    family: "erc721",
    action: "transfer",
    roles: { from: "from", recipient: "to", tokenId: "id" },
  },
  // ERC-1155.
  {
    item: fromAbi(erc1155Abi, "setApprovalForAll", 2),
    family: "erc1155",
    action: "approval-for-all",
    roles: { spender: "operator", approved: "approved" },
  },
  {
    item: fromAbi(erc1155Abi, "safeTransferFrom", 5),
    family: "erc1155",
    action: "transfer",
    roles: { from: "from", recipient: "to", tokenId: "id", amount: "value" },
  },
  {
    item: fromAbi(erc1155Abi, "safeBatchTransferFrom", 5),
    family: "erc1155",
    action: "transfer-batch",
    roles: { from: "from", recipient: "to", tokenIds: "ids", amounts: "values" },
  },
  // WETH9.
  { item: fn("function deposit() payable"), family: "weth", action: "wrap", roles: {} },
  { item: fn("function withdraw(uint256 wad)"), family: "weth", action: "unwrap", roles: { amount: "wad" } },
  // Permit2's on-chain AllowanceTransfer.approve.
  {
    item: fn("function approve(address token, address spender, uint160 amount, uint48 expiration)"),
    family: "permit2",
    action: "permit2-approve",
    roles: { token: "token", spender: "spender", amount: "amount", expiration: "expiration" },
  },
  // OpenZeppelin's Multicall, and Uniswap's with a deadline.
  {
    item: fn("function multicall(bytes[] data) returns (bytes[] results)"),
    family: "multicall",
    action: "multicall",
    roles: { calls: "data" },
  },
  {
    item: fn("function multicall(uint256 deadline, bytes[] data) payable returns (bytes[] results)"),
    family: "multicall",
    action: "multicall",
    roles: { calls: "data" },
  },
];

const table = new Map<Hex, AbiEntry[]>();
for (const entry of ABI_ENTRIES) {
  const selector = toFunctionSelector(entry.item);
  table.set(selector, [...(table.get(selector) ?? []), entry]);
}

/** The entries whose selector is `selector` (lower-case `0x` + 8 hex): one, two (shared), or none. */
export function entriesFor(selector: string): readonly AbiEntry[] {
  return table.get(selector.toLowerCase() as Hex) ?? [];
}

/** The canonical signature, e.g. `approve(address,uint256)`. */
export function canonicalSignature(item: AbiFunction): string {
  return `${item.name}(${item.inputs.map((i) => canonicalType(i)).join(",")})`;
}

function canonicalType(param: { type: string; components?: readonly { type: string }[] }): string {
  if (param.type.startsWith("tuple")) {
    const inner = (param.components ?? []).map((c) => canonicalType(c)).join(",");
    return `(${inner})${param.type.slice("tuple".length)}`;
  }
  return param.type;
}
