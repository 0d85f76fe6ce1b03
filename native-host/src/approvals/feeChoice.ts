import { type Hex, hexToBigInt } from "viem";
import type { ApprovalAnswerExtras, Fees } from "../../../protocol/approvalDetails.js";
import { InvalidParamsError } from "../../../protocol/errors.js";
import type { Chain } from "../stores/chains.js";
import { chainRequest } from "../wallet/chainClient.js";

/** What the transaction is signed with. `nonce` only when the person set one. */
export interface ChosenFee {
  gas: bigint;
  fee: { gasPrice: bigint } | { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint };
  nonce?: number;
}

type Choice = ApprovalAnswerExtras["fee"];

function fromOption(fees: Fees, speed: "slow" | "normal" | "fast"): ChosenFee["fee"] {
  const chosen = fees.options.find((o) => o.speed === speed);
  if (!chosen) throw new InvalidParamsError(`Invalid params: no ${speed} fee was offered`);
  if (chosen.gasPrice !== undefined) return { gasPrice: BigInt(chosen.gasPrice) };
  return {
    maxFeePerGas: BigInt(chosen.maxFeePerGas as string),
    maxPriorityFeePerGas: BigInt(chosen.maxPriorityFeePerGas as string),
  };
}

/**
 * The fee the person chose in the window, checked here: the window only offers, the host
 * decides what is signed. A speed picks that option; a custom fee replaces the fields it sets
 * (the rest from `normal`) and must be one a chain would take: gas at least 21000, the tip no
 * more than the max fee, and a nonce no lower than the account's confirmed transaction count
 * (a lower one could never be mined). A gas price alone makes a legacy transaction.
 */
export async function chosenFee(chain: Chain, from: string, fees: Fees, choice: Choice): Promise<ChosenFee> {
  const gas = BigInt(fees.gas);
  if (!choice) return { gas, fee: fromOption(fees, fees.selected) };
  if ("speed" in choice) return { gas, fee: fromOption(fees, choice.speed) };
  const custom = choice.custom;
  const chosen: ChosenFee = {
    gas: custom.gas !== undefined ? BigInt(custom.gas) : gas,
    fee: fromOption(fees, "normal"),
  };
  if (chosen.gas < 21_000n)
    throw new InvalidParamsError("Invalid params: gas is below the 21000 every transaction costs");
  const eip1559 = custom.maxFeePerGas !== undefined || custom.maxPriorityFeePerGas !== undefined;
  if (custom.gasPrice !== undefined && eip1559)
    throw new InvalidParamsError("Invalid params: a fee sets either gasPrice or maxFeePerGas, not both");
  if (custom.gasPrice !== undefined) {
    chosen.fee = { gasPrice: BigInt(custom.gasPrice) };
  } else if (eip1559) {
    if (fees.type !== "eip1559")
      throw new InvalidParamsError("Invalid params: this network takes a gasPrice, not maxFeePerGas");
    const normal = chosen.fee as { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint };
    const maxFeePerGas =
      custom.maxFeePerGas !== undefined ? BigInt(custom.maxFeePerGas) : normal.maxFeePerGas;
    const maxPriorityFeePerGas =
      custom.maxPriorityFeePerGas !== undefined
        ? BigInt(custom.maxPriorityFeePerGas)
        : normal.maxPriorityFeePerGas < maxFeePerGas
          ? normal.maxPriorityFeePerGas
          : maxFeePerGas;
    if (maxPriorityFeePerGas > maxFeePerGas)
      throw new InvalidParamsError("Invalid params: maxPriorityFeePerGas is above maxFeePerGas");
    chosen.fee = { maxFeePerGas, maxPriorityFeePerGas };
  }
  if (custom.nonce !== undefined) {
    const confirmed = hexToBigInt(
      (await chainRequest(chain, "eth_getTransactionCount", [from, "latest"])) as Hex,
    );
    if (BigInt(custom.nonce) < confirmed)
      throw new InvalidParamsError(
        `Invalid params: nonce ${custom.nonce} is below the account's ${confirmed} confirmed transactions`,
      );
    chosen.nonce = custom.nonce;
  }
  return chosen;
}
