import { formatUnits, type Hex } from "viem";
import * as z from "zod";
import type { AssetChange, Grant, Simulation, TokenRef } from "../../../protocol/approvalDetails.js";
import {
  ChainDisconnectedError,
  MethodNotFoundError,
  ProviderRpcError,
  UnsupportedMethodError,
} from "../../../protocol/errors.js";
import type { Chain } from "../stores/chains.js";
import { chainRequest } from "../wallet/chainClient.js";
import { tokenRef } from "./tokenInfo.js";

/** What the simulation needs to name a token (tests may pass their own). */
export type TokenReader = (chain: Chain, address: string) => Promise<TokenRef>;

import { revertReason } from "./revertReason.js";
import { accountLogs, type Movement, netMovements, type RawGrant } from "./simulationLogs.js";

/** One call of the block to simulate, as the account would send it. */
export interface SimulationCall {
  /** null or absent: a contract creation. */
  to?: string | null;
  value?: bigint;
  data?: string;
  gas?: bigint;
}

export interface SimulateOptions {
  /** The `simulate` setting: off asks the node nothing. */
  enabled?: boolean;
  /** Names tokens (name, symbol, decimals) from the chain. */
  readToken?: TokenReader;
}

/** At or above this, an allowance is shown as unlimited (2^255: what "max" approvals use and more). */
const UNLIMITED = 2n ** 255n;

const q = (n: bigint): Hex => `0x${n.toString(16)}`;

const LogSchema = z.object({
  address: z.string().max(42),
  topics: z.array(z.string().max(66)).max(4),
  data: z.string().max(1024 * 1024),
});
const CallResultSchema = z.object({
  status: z.string().max(4),
  returnData: z.string().optional(),
  gasUsed: z.string().max(66).optional(),
  logs: z.array(LogSchema).max(4096).default([]),
  error: z.object({ message: z.string().optional(), data: z.string().optional() }).optional(),
});
const SimulateAnswerSchema = z.array(z.object({ calls: z.array(CallResultSchema).max(256) })).min(1);

/** Nodes that do not serve the method say so with -32601 (EIP-1474) or 4200 (EIP-1193). */
function refusedMethod(error: unknown): boolean {
  return error instanceof MethodNotFoundError || error instanceof UnsupportedMethodError;
}

const abs = (n: bigint) => (n < 0n ? -n : n);
const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;
/** "−0.01 ETH" / "+5 FTK": the minus sign a person reads as one. */
const signed = (delta: bigint, text: string) => `${delta < 0n ? "−" : "+"}${text}`;

function tokenAmount(raw: bigint, token: TokenRef): string {
  const unit = token.symbol ?? short(token.address);
  return token.decimals === undefined
    ? `${raw} ${unit} (base units)`
    : `${formatUnits(raw, token.decimals)} ${unit}`;
}

async function describeChange(
  chain: Chain,
  movement: Movement,
  readToken: TokenReader,
): Promise<AssetChange> {
  const delta = movement.delta.toString();
  if (movement.asset === "native") {
    return {
      asset: "native",
      delta,
      formatted: signed(
        movement.delta,
        `${formatUnits(abs(movement.delta), chain.decimals)} ${chain.symbol}`,
      ),
    };
  }
  // Named as the log wrote it (lower case), as `asset` is.
  const token: TokenRef = { ...(await readToken(chain, movement.asset)), address: movement.asset };
  if (movement.standard) token.standard = movement.standard;
  const change: AssetChange = { asset: movement.asset, token, delta, formatted: "" };
  if (movement.tokenId === undefined) {
    change.formatted = signed(movement.delta, tokenAmount(abs(movement.delta), token));
    return change;
  }
  change.tokenId = movement.tokenId.toString();
  const collection = token.name ?? token.symbol ?? short(token.address);
  change.formatted = signed(movement.delta, `${abs(movement.delta)} ${collection} #${movement.tokenId}`);
  return change;
}

async function describeGrant(chain: Chain, grant: RawGrant, readToken: TokenReader): Promise<Grant> {
  const token: TokenRef = { ...(await readToken(chain, grant.token)), address: grant.token };
  if (grant.standard) token.standard = grant.standard;
  const out: Grant = { token, spender: { address: grant.spender } };
  if (grant.amount !== undefined) {
    const unlimited = grant.amount >= UNLIMITED;
    out.amount = {
      raw: grant.amount.toString(),
      formatted: unlimited
        ? `unlimited ${token.symbol ?? short(token.address)}`
        : tokenAmount(grant.amount, token),
      ...(unlimited ? { unlimited } : {}),
    };
  }
  if (grant.tokenId !== undefined) out.tokenId = grant.tokenId.toString();
  if (grant.all !== undefined) out.all = grant.all;
  return out;
}

/** Whether the chain's endpoint came from a site (`wallet_addEthereumChain`), not the person. */
export function siteProposed(chain: Chain): boolean {
  return chain.addedBy !== undefined;
}

/**
 * `eth_estimateGas` for each call against the current state, as the revert check of a node that
 * cannot simulate: the first failure's reason, or null. A batch's later calls are checked
 * without the earlier ones' effects, so one that depends on them may be reported as failing.
 */
async function estimateRevert(chain: Chain, from: string, calls: SimulationCall[]): Promise<string | null> {
  for (const [i, call] of calls.entries()) {
    try {
      await chainRequest(chain, "eth_estimateGas", [rpcCall(from, call)]);
    } catch (error) {
      if (error instanceof ChainDisconnectedError) return null;
      const data =
        error instanceof ProviderRpcError && typeof error.data === "string" ? error.data : undefined;
      const reason = revertReason(data, (error as Error).message);
      return calls.length > 1 ? `call ${i + 1} of ${calls.length}: ${reason}` : reason;
    }
  }
  return null;
}

function rpcCall(from: string, call: SimulationCall): Record<string, string> {
  const out: Record<string, string> = { from };
  if (call.to) out.to = call.to;
  if (call.value !== undefined) out.value = q(call.value);
  if (call.data !== undefined && call.data !== "0x") out.data = call.data;
  if (call.gas !== undefined) out.gas = q(call.gas);
  return out;
}

/**
 * Simulates `calls` in one block from `from` on the chain's own RPC (`eth_simulateV1` with
 * `traceTransfers`, without validation, so fees and nonces do not matter) and reads what the
 * account gains, loses and grants. Never a third party: the node is the one the site's chain
 * uses. A node that refuses the method (or any error) gives `unavailable`, with `eth_estimateGas`
 * as the revert check.
 * https://github.com/ethereum/execution-apis/blob/main/src/eth/execute.yaml
 */
export async function simulateCalls(
  chain: Chain,
  from: string,
  calls: SimulationCall[],
  options: SimulateOptions = {},
): Promise<Simulation> {
  if (options.enabled === false)
    return { status: "unavailable", reason: "simulation is off in settings", reverts: null };
  const readToken = options.readToken ?? tokenRef;
  const siteProposedRpc = siteProposed(chain);
  let answer: unknown;
  try {
    answer = await chainRequest(chain, "eth_simulateV1", [
      {
        blockStateCalls: [{ calls: calls.map((call) => rpcCall(from, call)) }],
        traceTransfers: true,
        validation: false,
      },
      "latest",
    ]);
  } catch (error) {
    if (error instanceof ChainDisconnectedError)
      return { status: "unavailable", reason: "the chain's node could not be reached", reverts: null };
    const reason = refusedMethod(error)
      ? "this network's node does not support eth_simulateV1"
      : `this network's node could not simulate: ${(error as Error).message.slice(0, 900)}`;
    return { status: "unavailable", reason, reverts: await estimateRevert(chain, from, calls) };
  }
  const parsed = SimulateAnswerSchema.safeParse(answer);
  const results = parsed.success ? parsed.data[0]?.calls : undefined;
  if (!results || results.length !== calls.length) {
    return {
      status: "unavailable",
      reason: "this network's node gave a simulation the wallet cannot read",
      reverts: await estimateRevert(chain, from, calls),
    };
  }
  const failed = results.findIndex((r) => r.status !== "0x1");
  if (failed !== -1) {
    const result = results[failed] as (typeof results)[number];
    // Some nodes put the revert data in `error.data`, others (anvil) only in `returnData`.
    const reason = revertReason(result.error?.data ?? result.returnData, result.error?.message);
    return {
      status: "reverts",
      reason: calls.length > 1 ? `call ${failed + 1} of ${calls.length}: ${reason}` : reason,
      siteProposedRpc,
    };
  }
  const { movements, grants } = accountLogs(
    results.flatMap((r) => r.logs),
    from,
  );
  const net = netMovements(movements).slice(0, 256);
  const gasUsed = results.reduce(
    (sum, r) => sum + BigInt(/^0x[0-9a-fA-F]{1,64}$/.test(r.gasUsed ?? "") ? (r.gasUsed as string) : 0),
    0n,
  );
  return {
    status: "ok",
    changes: await Promise.all(net.map((m) => describeChange(chain, m, readToken))),
    grants: await Promise.all(grants.slice(0, 256).map((g) => describeGrant(chain, g, readToken))),
    gasUsed: gasUsed.toString(),
    siteProposedRpc,
  };
}
