import { decodeFunctionData, erc20Abi, formatEther, type Hex, hexToBigInt } from "viem";
import * as z from "zod";
import type { DecodedCall, Warning } from "../../../../protocol/approvalDetails.js";
import { InvalidParamsError } from "../../../../protocol/errors.js";
import { recordTransaction } from "../../activity/recordActivity.js";
import { chosenFee } from "../../approvals/feeChoice.js";
import { dappFees, suggestFees } from "../../approvals/fees.js";
import { simulateWithDeadline, simulationUpdate } from "../../approvals/simulationUpdate.js";
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

/** What an ERC-20 call does, for the approval window (a stand-in for the full decoder). */
function decodeErc20(data: Hex | undefined): DecodedCall | undefined {
  if (!data || data.length < 10) return undefined;
  try {
    const call = decodeFunctionData({ abi: erc20Abi, data });
    if (call.functionName === "transfer" || call.functionName === "approve") {
      const [who, amount] = call.args;
      return {
        signature: `${call.functionName}(address,uint256)`,
        args: [
          { name: call.functionName === "transfer" ? "to" : "spender", type: "address", value: who },
          { name: "amount", type: "uint256", value: amount.toString() },
        ],
      };
    }
  } catch {
    // Not an ERC-20 call: the window shows the raw data instead.
  }
  return undefined;
}

/**
 * Fills gas and EIP-1559 fees from the site's chain, asks the user, then signs with the vault's
 * key and broadcasts. A `chainId` other than the site's is refused before anything else (T14).
 */
export const ethSendTransaction: Handler = async (ctx, params) => {
  const [tx] = parseParams(ParamsSchema, params);
  const from = requirePermitted(ctx, tx.from);
  const { origin, session, wallet } = ctx;
  const chain = ctx.own?.chain ?? wallet.chainFor(origin);
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
  const value = hexToBigInt((tx.value ?? "0x0") as Hex);
  // Started at once, beside the rest: the window opens without waiting and is updated.
  const simulation = simulateWithDeadline(
    chain,
    from,
    [{ to: tx.to, value, data, gas: givenGas === undefined ? undefined : hexToBigInt(givenGas as Hex) }],
    {
      enabled: wallet.settings.get().simulate,
    },
  );
  const call = { from, to: tx.to ?? undefined, value: tx.value, data };
  const gas = tx.gas ?? tx.gasLimit ?? ((await chainRequest(chain, "eth_estimateGas", [call])) as Hex);
  const pendingNonce = hexToBigInt(
    (await chainRequest(chain, "eth_getTransactionCount", [from, "pending"])) as Hex,
  );
  const fees = await suggestFees(chain, hexToBigInt(gas as Hex), Number(pendingNonce), dappFees(tx));
  // Placeholder summary and call until the decoder builds them here.
  const details = {
    summary: tx.to
      ? `Send ${formatEther(value)} ${chain.symbol} to ${tx.to.slice(0, 6)}…${tx.to.slice(-4)}`
      : "Create a contract",
    // The Send screen's own checks (look-alike recipients, token contracts) come first.
    warnings: [...(ctx.own?.warnings ?? [])] as Warning[],
    from: { address: from },
    to: tx.to ? { address: tx.to } : null,
    value: { raw: value.toString(), formatted: `${formatEther(value)} ${chain.symbol}` },
    data: data ?? "0x",
    call: decodeErc20(data),
    fees,
    simulation: { status: "pending" as const },
  };
  const outcome = await wallet.approvals.ask(session, {
    origin,
    kind: "send-transaction",
    chainId: chain.chainId,
    details,
    later: simulation.then((result) => simulationUpdate(details.warnings, result)),
  });
  const chosen = await chosenFee(chain, from, fees, outcome.fee);
  const account = signerAccount(ctx, from);
  return withNonce(
    chain,
    from,
    async (nonce) => {
      const common = {
        chainId: chain.chainId,
        to: tx.to ?? undefined,
        value,
        data,
        gas: chosen.gas,
        nonce: Number(nonce),
      };
      const fee = chosen.fee;
      const serialized =
        "gasPrice" in fee
          ? await account.signTransaction({ ...common, type: "legacy", gasPrice: fee.gasPrice })
          : await account.signTransaction({ ...common, type: "eip1559", ...fee });
      const hash = (await chainRequest(chain, "eth_sendRawTransaction", [serialized])) as Hex;
      recordTransaction(wallet, {
        chain,
        account: from,
        origin,
        hash,
        nonce: common.nonce,
        to: common.to ?? null,
        value,
        data,
        gas: common.gas,
        fees: fee,
      });
      return hash;
    },
    chosen.nonce,
  );
};
