import { decodeFunctionData, erc20Abi, formatEther, type Hex, hexToBigInt } from "viem";
import * as z from "zod";
import { InvalidParamsError } from "../../../../protocol/errors.js";
import { chainRequest } from "../../wallet/chainClient.js";
import { withNonce } from "../../wallet/nonces.js";
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

/** What an ERC-20 call does, for the approval window. */
function decodeErc20(data: Hex | undefined): unknown {
  if (!data || data.length < 10) return undefined;
  try {
    const call = decodeFunctionData({ abi: erc20Abi, data });
    if (call.functionName === "transfer") {
      const [to, amount] = call.args;
      return { function: "transfer", to, amount: amount.toString() };
    }
    if (call.functionName === "approve") {
      const [spender, amount] = call.args;
      return { function: "approve", spender, amount: amount.toString() };
    }
  } catch {
    // Not an ERC-20 call: the window shows the raw data instead.
  }
  return undefined;
}

const q = (n: bigint): Hex => `0x${n.toString(16)}`;

/**
 * Fills gas and EIP-1559 fees from the site's chain, asks the user, then signs with the vault's
 * key and broadcasts. A `chainId` other than the site's is refused before anything else (T14).
 */
export const ethSendTransaction: Handler = async (ctx, params) => {
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
  await wallet.approvals.ask(session, {
    origin,
    kind: "send-transaction",
    chainId: chain.chainId,
    details: {
      from,
      to: tx.to ?? null,
      value: tx.value ?? "0x0",
      valueEth: formatEther(value),
      symbol: chain.symbol,
      data: data ?? "0x",
      erc20: decodeErc20(data),
      gas,
      ...fees,
      maxCostEth: formatEther(value + hexToBigInt(gas as Hex) * hexToBigInt(maxFee as Hex)),
    },
  });
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
