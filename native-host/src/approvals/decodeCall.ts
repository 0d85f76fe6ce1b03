import { type AbiParameter, decodeFunctionData, getAddress, type Hex } from "viem";
import type { Amount, DecodedArg, DecodedCall, TokenRef } from "../../../protocol/approvalDetails.js";
import type { Chain } from "../stores/chains.js";
import {
  type AbiEntry,
  type CallAction,
  type CallFamily,
  canonicalSignature,
  entriesFor,
} from "./abiTable.js";
import { formatAmount, tokenLabel, uintMax } from "./formatting.js";
import { type TokenInfo, tokenInfo } from "./tokenInfo.js";

/** How deep a multicall inside a multicall is decoded; deeper calls are shown as raw data. */
export const MAX_CALL_DEPTH = 3;
/** Inner calls decoded per multicall (the window's schema carries at most this many). */
export const MAX_INNER_CALLS = 64;
const MAX_VALUE_CHARS = 4096;

/** What one decoded call does, in roles, for warnings and the summary (never sent as is). */
export interface CallFact {
  action: CallAction;
  /** The ABI table's family; undefined when the selector is shared and the chain could not say which. */
  family?: CallFamily;
  /** The contract called. */
  target: string;
  /** The token concerned: the target, or Permit2's `token` argument. */
  token?: TokenInfo;
  spender?: string;
  approved?: boolean;
  from?: string;
  recipient?: string;
  amount?: bigint;
  amountUnlimited?: boolean;
  tokenId?: bigint;
  tokenIds?: readonly bigint[];
  amounts?: readonly bigint[];
  /** Inner calls not decoded (past the depth or count bound). */
  hidden?: number;
}

export interface DecodedTransactionCall {
  call: DecodedCall;
  /** The call's own fact first, then its inner calls' in order. */
  facts: CallFact[];
}

/** Names the wallet knows addresses by (own accounts), keyed by lower-case address. */
export type AddressNames = ReadonlyMap<string, string>;

/**
 * Decodes calldata sent to `to` from the curated table. Undefined when the selector is not in
 * the table (the window then shows the raw data). The target's standard is read from the chain
 * (tokenInfo): a shared selector is decoded as the standard the contract says it is.
 */
export async function decodeCall(
  chain: Chain,
  to: string,
  data: Hex,
  names: AddressNames,
  depth = 0,
): Promise<DecodedTransactionCall | undefined> {
  if (data.length < 10) return undefined;
  const candidates = entriesFor(data.slice(0, 10));
  if (candidates.length === 0) return undefined;
  const target = await tokenInfo(chain, to).catch(
    (): TokenInfo => ({ address: getAddress(to), hasCode: false }),
  );
  const matching = candidates.find((c) => c.family === target.standard);
  const entry = matching ?? candidates[0];
  if (!entry) return undefined;
  // A selector two standards share, on a target the chain did not place in either: which
  // argument is an amount and which a token id cannot be known.
  const ambiguous = !matching && candidates.length > 1;
  // There, the argument that is an amount on ERC-20 and a token id on ERC-721.
  const looseIndex = ambiguous ? entry.item.inputs.findIndex((i) => i.name === entry.roles.amount) : -1;
  let args: readonly unknown[];
  try {
    args = decodeFunctionData({ abi: [entry.item], data }).args ?? [];
  } catch {
    return undefined;
  }
  const named = new Map(entry.item.inputs.map((input, i) => [input.name ?? "", args[i]]));
  const role = <T>(name: string | undefined): T | undefined =>
    name === undefined ? undefined : (named.get(name) as T | undefined);

  const fact: CallFact = {
    action: entry.action,
    family: ambiguous ? undefined : entry.family,
    target: target.address,
    token: target.standard ? target : undefined,
  };
  const spender = role<string>(entry.roles.spender);
  if (spender !== undefined) fact.spender = getAddress(spender);
  const approved = role<boolean>(entry.roles.approved);
  if (approved !== undefined) fact.approved = approved;
  const from = role<string>(entry.roles.from);
  if (from !== undefined) fact.from = getAddress(from);
  const recipient = role<string>(entry.roles.recipient);
  if (recipient !== undefined) fact.recipient = getAddress(recipient);

  // The unit an `amount` is counted in: the target's token, or Permit2's token argument.
  let unit: { token: TokenInfo | undefined; label: string; decimals?: number; typeMax: bigint } | undefined;
  const amountInput = entry.item.inputs.find((i) => i.name === entry.roles.amount);
  const amount = role<bigint>(entry.roles.amount);
  if (amount !== undefined && amountInput && !ambiguous) {
    const typeMax = uintMax(amountInput.type);
    if (entry.family === "permit2") {
      const tokenArg = getAddress(role<string>(entry.roles.token) as string);
      const token = await tokenInfo(chain, tokenArg).catch(
        (): TokenInfo => ({ address: tokenArg, hasCode: false }),
      );
      fact.token = token;
      unit = { token, label: tokenLabel(token), decimals: token.decimals, typeMax };
    } else if (entry.family === "erc1155") {
      // ERC-1155 values are counts of one id: no decimals.
      unit = { token: target, label: tokenLabel(target), decimals: 0, typeMax };
    } else {
      const isErc20 = target.standard === "erc20";
      unit = {
        token: target,
        label: tokenLabel(target),
        decimals: isErc20 ? target.decimals : undefined,
        typeMax,
      };
    }
    fact.amount = amount;
    fact.amountUnlimited = formatAmount(amount, unit, typeMax).unlimited === true;
  }
  const loose = looseIndex >= 0 ? args[looseIndex] : undefined;
  if (typeof loose === "bigint") {
    // Kept for the unlimited-approval warning: no token id is that large in practice.
    fact.amount = loose;
    fact.amountUnlimited = formatAmount(loose, { label: "" }).unlimited === true;
  }
  const tokenId = role<bigint>(entry.roles.tokenId);
  if (tokenId !== undefined && !ambiguous) fact.tokenId = tokenId;
  const tokenIds = role<readonly bigint[]>(entry.roles.tokenIds);
  if (tokenIds !== undefined) fact.tokenIds = tokenIds;
  const amounts = role<readonly bigint[]>(entry.roles.amounts);
  if (amounts !== undefined) fact.amounts = amounts;

  const decodedArgs: DecodedArg[] = entry.item.inputs.map((input, i) =>
    decodedArg(input, args[i], i, entry, { ambiguous, looseIndex, unit, names }),
  );
  const call: DecodedCall = {
    signature: canonicalSignature(entry.item),
    ...(target.standard ? { standard: target.standard, token: tokenRef(target) } : {}),
    args: decodedArgs,
  };
  const facts: CallFact[] = [fact];

  const inner = role<readonly Hex[]>(entry.roles.calls);
  if (inner !== undefined) {
    const shown = depth < MAX_CALL_DEPTH ? inner.slice(0, MAX_INNER_CALLS) : [];
    const hidden = inner.length - shown.length;
    if (hidden > 0) fact.hidden = hidden;
    call.calls = [];
    // One after another: each inner call may read the chain, and the node is the user's own.
    for (const innerData of shown) {
      const decoded = await decodeCall(chain, to, innerData, names, depth + 1);
      if (decoded) {
        call.calls.push(decoded.call);
        facts.push(...decoded.facts);
      } else {
        call.calls.push(rawCall(innerData));
      }
    }
  }
  return { call, facts };
}

/** An inner call the table does not know: its selector as signature, its bytes as they are. */
function rawCall(data: Hex): DecodedCall {
  return {
    signature: data.length >= 10 ? data.slice(0, 10) : "0x",
    args: [{ name: "data", type: "bytes", value: bounded(data) }],
  };
}

function tokenRef(info: TokenInfo): TokenRef {
  return {
    address: info.address,
    ...(info.standard ? { standard: info.standard } : {}),
    ...(info.name !== undefined ? { name: info.name } : {}),
    ...(info.symbol !== undefined ? { symbol: info.symbol } : {}),
    ...(info.decimals !== undefined ? { decimals: info.decimals } : {}),
  };
}

function decodedArg(
  input: AbiParameter,
  value: unknown,
  index: number,
  entry: AbiEntry,
  ctx: {
    ambiguous: boolean;
    looseIndex: number;
    unit: { label: string; decimals?: number; typeMax: bigint } | undefined;
    names: AddressNames;
  },
): DecodedArg {
  const name = input.name || `arg${index}`;
  const arg: DecodedArg = {
    name: index === ctx.looseIndex ? "amountOrTokenId" : name.slice(0, 64),
    type: input.type,
    value: display(value, input.type, entry.roles.calls === input.name),
  };
  if (input.type === "address" && typeof value === "string") {
    const address = getAddress(value);
    const known = ctx.names.get(address.toLowerCase());
    arg.address = known ? { address, name: known } : { address };
  }
  if (!ctx.ambiguous && ctx.unit && input.name === entry.roles.amount && typeof value === "bigint") {
    arg.amount = formatAmount(value, ctx.unit, ctx.unit.typeMax) satisfies Amount;
  }
  if (input.name === entry.roles.expiration && typeof value === "bigint") {
    arg.value = bounded(`${value} (${expiryText(value)})`);
  }
  return arg;
}

/** Permit2: an expiration of 0 lasts only for the block it is mined in. */
function expiryText(seconds: bigint): string {
  if (seconds === 0n) return "this block only";
  const ms = seconds * 1000n;
  if (ms > 8_640_000_000_000_000n) return "never";
  return new Date(Number(ms)).toISOString();
}

function display(value: unknown, type: string, isCalls: boolean): string {
  if (isCalls && Array.isArray(value)) return `${value.length} call${value.length === 1 ? "" : "s"}`;
  if (Array.isArray(value))
    return bounded(`[${value.map((v) => display(v, type.slice(0, -2), false)).join(", ")}]`);
  if (type === "address" && typeof value === "string") return getAddress(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value ? "true" : "false";
  return bounded(String(value));
}

function bounded(text: string): string {
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}
