import { type Hex, hexToBigInt } from "viem";
import * as z from "zod";
import type { FeeOption } from "../../../../protocol/approvalDetails.js";
import { InvalidParamsError } from "../../../../protocol/errors.js";
import { formatAmount } from "../../approvals/formatting.js";
import { sendTransactionDetails } from "../../approvals/transactionDetails.js";
import type { Chain } from "../../stores/chains.js";
import { chainRequest } from "../../wallet/chainClient.js";
import type { Handler } from "../Handler.js";
import { AddressSchema, DataSchema, parseParams, QuantitySchema } from "../params.js";
import { requirePermitted, signerAccount } from "./signer.js";

const TransactionSchema = z
  .object({
    from: AddressSchema,
    to: AddressSchema.nullable().optional(),
    value: QuantitySchema.optional(),
    data: DataSchema.optional(),
    input: DataSchema.optional(),
    gas: QuantitySchema.optional(),
    gasLimit: QuantitySchema.optional(),
    gasPrice: QuantitySchema.optional(),
    maxFeePerGas: QuantitySchema.optional(),
    maxPriorityFeePerGas: QuantitySchema.optional(),
    nonce: QuantitySchema.optional(),
    chainId: QuantitySchema.optional(),
    type: z.enum(["0x0", "0x2"]).optional(),
  })
  .strict();
const ParamsSchema = z.tuple([TransactionSchema]);

/**
 * EIP-7702 (type 0x4): an `authorizationList` makes the account run another contract's code
 * from then on, for every later transaction, so whoever wrote that code controls the funds.
 * No approval window can make that safe to click through: refused before anyone is asked.
 * https://eips.ethereum.org/EIPS/eip-7702
 */
function refuseDelegation(params: readonly unknown[]): void {
  const tx = params[0];
  if (typeof tx !== "object" || tx === null) return;
  const { authorizationList, type } = tx as { authorizationList?: unknown; type?: unknown };
  if (authorizationList !== undefined || type === "0x4" || type === "0x04") {
    throw new InvalidParamsError(
      "Invalid params: EIP-7702 transactions (authorizationList, type 0x4) are refused: they would hand control of the account to another contract's code",
    );
  }
}

const q = (n: bigint): Hex => `0x${n.toString(16)}`;

/** One nonce sequence per (chain, account), whichever site or browser sends. */
const nonceLocks = new Map<string, Promise<unknown>>();
const nextNonce = new Map<string, bigint>();

/** The nonce the transaction would take if sent now (shown; the one signed is taken after approval). */
async function peekNonce(chain: Chain, from: string): Promise<bigint> {
  const pending = hexToBigInt(
    (await chainRequest(chain, "eth_getTransactionCount", [from, "pending"])) as Hex,
  );
  const local = nextNonce.get(`${chain.chainId}:${from}`) ?? 0n;
  return pending > local ? pending : local;
}

async function withNonce<T>(chain: Chain, from: string, run: (nonce: bigint) => Promise<T>): Promise<T> {
  const key = `${chain.chainId}:${from}`;
  const previous = nonceLocks.get(key) ?? Promise.resolve();
  const task = previous
    .catch(() => undefined)
    .then(async () => {
      const pending = hexToBigInt(
        (await chainRequest(chain, "eth_getTransactionCount", [from, "pending"])) as Hex,
      );
      const local = nextNonce.get(key) ?? 0n;
      const nonce = pending > local ? pending : local;
      const result = await run(nonce);
      nextNonce.set(key, nonce + 1n);
      return result;
    });
  nonceLocks.set(key, task);
  return task;
}

/**
 * Fills gas and EIP-1559 fees from the site's chain, asks the user, then signs with the vault's
 * key and broadcasts. A `chainId` other than the site's is refused before anything else (T14).
 */
export const ethSendTransaction: Handler = async (ctx, params) => {
  refuseDelegation(params);
  const [tx] = parseParams(ParamsSchema, params);
  const from = requirePermitted(ctx, tx.from);
  const { origin, session, wallet } = ctx;
  const chain = wallet.chainFor(origin);
  if (tx.chainId !== undefined && Number(tx.chainId) !== chain.chainId) {
    throw new InvalidParamsError(
      `Invalid params: chainId ${tx.chainId} does not match the site's chain 0x${chain.chainId.toString(16)}`,
    );
  }
  if (tx.data !== undefined && tx.input !== undefined && tx.data !== tx.input) {
    throw new InvalidParamsError("Invalid params: data and input differ");
  }
  const data = (tx.data ?? tx.input) as Hex | undefined;
  // Transactions no chain would take are refused before the user is asked to approve them.
  const givenGas = tx.gas ?? tx.gasLimit;
  if (givenGas !== undefined && hexToBigInt(givenGas as Hex) < 21_000n) {
    throw new InvalidParamsError("Invalid params: gas is below the 21000 every transaction costs");
  }
  const tipAboveMax =
    tx.maxFeePerGas !== undefined &&
    tx.maxPriorityFeePerGas !== undefined &&
    hexToBigInt(tx.maxPriorityFeePerGas as Hex) > hexToBigInt(tx.maxFeePerGas as Hex);
  if (tipAboveMax) {
    throw new InvalidParamsError("Invalid params: maxPriorityFeePerGas is above maxFeePerGas");
  }
  const call = { from, to: tx.to ?? undefined, value: tx.value, data };
  const gas = tx.gas ?? tx.gasLimit ?? ((await chainRequest(chain, "eth_estimateGas", [call])) as Hex);
  const legacy = tx.type === "0x0" || (tx.gasPrice !== undefined && tx.maxFeePerGas === undefined);
  let fees: { gasPrice: Hex } | { maxFeePerGas: Hex; maxPriorityFeePerGas: Hex };
  if (legacy) {
    fees = { gasPrice: tx.gasPrice ?? ((await chainRequest(chain, "eth_gasPrice", [])) as Hex) };
  } else {
    const tip =
      tx.maxPriorityFeePerGas ?? ((await chainRequest(chain, "eth_maxPriorityFeePerGas", [])) as Hex);
    const block = (await chainRequest(chain, "eth_getBlockByNumber", ["latest", false])) as {
      baseFeePerGas?: Hex;
    };
    const base = hexToBigInt(block.baseFeePerGas ?? "0x0");
    // Twice the base fee survives six full blocks of +12.5% each, as MetaMask and viem do.
    fees = { maxPriorityFeePerGas: tip, maxFeePerGas: tx.maxFeePerGas ?? q(base * 2n + hexToBigInt(tip)) };
  }
  const maxFee = "gasPrice" in fees ? fees.gasPrice : fees.maxFeePerGas;
  const value = hexToBigInt((tx.value ?? "0x0") as Hex);
  const gasUnits = hexToBigInt(gas as Hex);
  const maxCost = gasUnits * hexToBigInt(maxFee as Hex);
  const option: FeeOption = {
    speed: "normal",
    ...("gasPrice" in fees
      ? { gasPrice: hexToBigInt(fees.gasPrice).toString() }
      : {
          maxFeePerGas: hexToBigInt(fees.maxFeePerGas).toString(),
          maxPriorityFeePerGas: hexToBigInt(fees.maxPriorityFeePerGas).toString(),
        }),
    maxCost: formatAmount(maxCost, { label: chain.symbol, decimals: chain.decimals }),
  };
  const details = await sendTransactionDetails(wallet, {
    chain,
    from,
    to: tx.to ?? null,
    value,
    data: data ?? "0x",
    fees: {
      type: "gasPrice" in fees ? "legacy" : "eip1559",
      gas: gasUnits.toString(),
      nonce: Number(await peekNonce(chain, from)),
      options: [option],
      selected: "normal",
    },
  });
  await wallet.approvals.ask(session, { origin, kind: "send-transaction", chainId: chain.chainId, details });
  const account = signerAccount(ctx, from);
  return withNonce(chain, from, async (nonce) => {
    const common = {
      chainId: chain.chainId,
      to: tx.to ?? undefined,
      value,
      data,
      gas: hexToBigInt(gas as Hex),
      nonce: Number(nonce),
    };
    const serialized =
      "gasPrice" in fees
        ? await account.signTransaction({ ...common, type: "legacy", gasPrice: hexToBigInt(fees.gasPrice) })
        : await account.signTransaction({
            ...common,
            type: "eip1559",
            maxFeePerGas: hexToBigInt(fees.maxFeePerGas),
            maxPriorityFeePerGas: hexToBigInt(fees.maxPriorityFeePerGas),
          });
    return chainRequest(chain, "eth_sendRawTransaction", [serialized]);
  });
};
