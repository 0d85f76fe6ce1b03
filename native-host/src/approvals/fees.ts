import { formatUnits, type Hex } from "viem";
import * as z from "zod";
import type { FeeOption, Fees } from "../../../protocol/approvalDetails.js";
import type { Chain } from "../stores/chains.js";
import { chainRequest } from "../wallet/chainClient.js";

/** Blocks of history read, and the tip percentiles that make slow, normal and fast. */
const HISTORY_BLOCKS = 10;
const PERCENTILES = [10, 50, 90] as const;
const SPEEDS = ["slow", "normal", "fast"] as const;
type Speed = (typeof SPEEDS)[number];

const Quantity = z.string().regex(/^0x[0-9a-fA-F]{1,64}$/);
const FeeHistorySchema = z.object({
  baseFeePerGas: z.array(Quantity).max(1025).optional(),
  gasUsedRatio: z.array(z.number()).max(1024).optional(),
  reward: z.array(z.array(Quantity).max(PERCENTILES.length)).max(1024).optional(),
});

/** What the dApp asked for itself, if anything (each in wei). */
export interface DappFees {
  gasPrice?: bigint;
  maxFeePerGas?: bigint;
  maxPriorityFeePerGas?: bigint;
  /** `type: "0x0"`, or a gasPrice without EIP-1559 fields. */
  legacy?: boolean;
}

const big = (hex: string) => BigInt(hex);

/** The fee fields of a dApp's transaction request (hex quantities, as checked by its schema). */
export function dappFees(tx: {
  gasPrice?: string;
  maxFeePerGas?: string;
  maxPriorityFeePerGas?: string;
  type?: string;
}): DappFees {
  const fees: DappFees = {
    legacy: tx.type === "0x0" || (tx.gasPrice !== undefined && tx.maxFeePerGas === undefined),
  };
  if (tx.gasPrice !== undefined) fees.gasPrice = big(tx.gasPrice);
  if (tx.maxFeePerGas !== undefined) fees.maxFeePerGas = big(tx.maxFeePerGas);
  if (tx.maxPriorityFeePerGas !== undefined) fees.maxPriorityFeePerGas = big(tx.maxPriorityFeePerGas);
  return fees;
}
const median = (values: bigint[]) => {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted[Math.floor(sorted.length / 2)] ?? 0n;
};
const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);

function option(
  chain: Chain,
  speed: Speed,
  gas: bigint,
  fee: { gasPrice: bigint } | { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint },
): FeeOption {
  const perGas = "gasPrice" in fee ? fee.gasPrice : fee.maxFeePerGas;
  const cost = gas * perGas;
  return {
    speed,
    ...("gasPrice" in fee
      ? { gasPrice: fee.gasPrice.toString() }
      : {
          maxFeePerGas: fee.maxFeePerGas.toString(),
          maxPriorityFeePerGas: fee.maxPriorityFeePerGas.toString(),
        }),
    maxCost: { raw: cost.toString(), formatted: `${formatUnits(cost, chain.decimals)} ${chain.symbol}` },
  };
}

async function feeHistory(chain: Chain): Promise<z.infer<typeof FeeHistorySchema> | undefined> {
  try {
    const parsed = FeeHistorySchema.safeParse(
      await chainRequest(chain, "eth_feeHistory", [
        `0x${HISTORY_BLOCKS.toString(16)}`,
        "latest",
        [...PERCENTILES],
      ]),
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    // A node without fee history (or a legacy chain's): the gas price is asked instead.
    return undefined;
  }
}

/**
 * Tips per speed: the 10th, 50th and 90th percentile tips of the last blocks that held
 * transactions (median over blocks). An idle chain has no market to read: its node's own
 * suggestion is slow and normal, twice it fast.
 */
async function tips(chain: Chain, history: z.infer<typeof FeeHistorySchema>): Promise<bigint[]> {
  const rewards = (history.reward ?? []).filter(
    (r, i) => r.length === PERCENTILES.length && (history.gasUsedRatio?.[i] ?? 1) > 0,
  );
  const read = PERCENTILES.map((_, p) => median(rewards.map((r) => big(r[p] as string))));
  if (rewards.length > 0 && (read[2] as bigint) > 0n) {
    // Monotone whatever the node reported: slow ≤ normal ≤ fast.
    const slow = read[0] as bigint;
    const normal = max(read[1] as bigint, slow);
    return [slow, normal, max(read[2] as bigint, normal)];
  }
  let suggested = 0n;
  try {
    suggested = big((await chainRequest(chain, "eth_maxPriorityFeePerGas", [])) as Hex);
  } catch {
    // No suggestion either: a zero tip still pays the base fee.
  }
  return [suggested, suggested, suggested * 2n];
}

/**
 * Slow / normal / fast fees for a transaction of `gas` on the chain, read from its own node:
 * EIP-1559 chains from `eth_feeHistory` (max fee = 2 × the next base fee + the tip, which
 * survives six full blocks of +12.5 % each), legacy chains from `eth_gasPrice` (0.9×, 1×,
 * 1.25×). Fees the dApp set itself are `normal`, and `normal` is what is selected.
 * https://ethereum.github.io/execution-apis/api-documentation/ (eth_feeHistory)
 */
export async function suggestFees(
  chain: Chain,
  gas: bigint,
  nonce: number,
  dapp: DappFees = {},
): Promise<Fees> {
  const history = await feeHistory(chain);
  const baseFees = history?.baseFeePerGas?.map(big) ?? [];
  const nextBase = baseFees.at(-1);
  if (!dapp.legacy && history && nextBase !== undefined && baseFees.some((b) => b > 0n)) {
    const [slowTip, normalTip, fastTip] = (await tips(chain, history)) as [bigint, bigint, bigint];
    const fee = (tip: bigint) => ({ maxFeePerGas: nextBase * 2n + tip, maxPriorityFeePerGas: tip });
    let normal = fee(normalTip);
    if (dapp.maxFeePerGas !== undefined || dapp.maxPriorityFeePerGas !== undefined) {
      const maxFeePerGas = dapp.maxFeePerGas ?? nextBase * 2n + (dapp.maxPriorityFeePerGas as bigint);
      normal = {
        maxFeePerGas,
        maxPriorityFeePerGas: min(dapp.maxPriorityFeePerGas ?? normalTip, maxFeePerGas),
      };
    }
    return {
      type: "eip1559",
      gas: gas.toString(),
      nonce,
      options: [
        option(chain, "slow", gas, fee(slowTip)),
        option(chain, "normal", gas, normal),
        option(chain, "fast", gas, fee(fastTip)),
      ],
      selected: "normal",
    };
  }
  const price = big((await chainRequest(chain, "eth_gasPrice", [])) as Hex);
  const normal = dapp.gasPrice ?? price;
  return {
    type: "legacy",
    gas: gas.toString(),
    nonce,
    options: [
      // A legacy transaction on an EIP-1559 chain still pays the base fee: slow never offers less.
      option(chain, "slow", gas, { gasPrice: max((price * 9n) / 10n, nextBase ?? 0n) }),
      option(chain, "normal", gas, { gasPrice: normal }),
      option(chain, "fast", gas, { gasPrice: max((price * 5n) / 4n, normal) }),
    ],
    selected: "normal",
  };
}
