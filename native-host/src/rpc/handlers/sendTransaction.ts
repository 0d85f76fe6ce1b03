import { type Hex, hexToBigInt } from "viem";
import * as z from "zod";
import type { Warning } from "../../../../protocol/approvalDetails.js";
import { InvalidParamsError } from "../../../../protocol/errors.js";
import { recordRefusal, recordTransaction } from "../../activity/recordActivity.js";
import { chosenFee } from "../../approvals/feeChoice.js";
import { dappFees, suggestFees } from "../../approvals/fees.js";
import { simulateWithDeadline, simulationUpdate } from "../../approvals/simulationUpdate.js";
import { sendTransactionDetails } from "../../approvals/transactionDetails.js";
import { chainRequest } from "../../wallet/chainClient.js";
import type { Handler } from "../Handler.js";
import { AddressSchema, DataSchema, parseParams, QuantitySchema } from "../params.js";
import { requirePermitted, signerAccount } from "./signer.js";

/**
 * `data` / `input`: "" is read as no data, as MetaMask reads it (it prefixes "0x"): a form
 * whose data field was left empty sends it so, MetaMask's test-dapp's Send form among them.
 */
const TxDataSchema = z.union([z.literal("").transform((): Hex => "0x"), DataSchema]);

const TransactionSchema = z
  .object({
    from: AddressSchema,
    to: AddressSchema.nullable().optional(),
    value: QuantitySchema.optional(),
    data: TxDataSchema.optional(),
    input: TxDataSchema.optional(),
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

/**
 * Fills gas and EIP-1559 fees from the site's chain, asks the user, then signs with the vault's
 * key and broadcasts. A `chainId` other than the site's is refused before anything else (T14).
 */
export const ethSendTransaction: Handler = async (ctx, params) => {
  refuseDelegation(params);
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
  const decoded = await sendTransactionDetails(wallet, {
    chain,
    from,
    to: tx.to ?? null,
    value,
    data: data ?? "0x",
    fees,
  });
  // The Send screen's own checks (look-alike recipients, token contracts) come first.
  const details = { ...decoded, warnings: [...(ctx.own?.warnings ?? []), ...decoded.warnings] as Warning[] };
  const outcome = await wallet.approvals.ask(session, {
    origin,
    kind: "send-transaction",
    chainId: chain.chainId,
    details,
    later: simulation.then((result) => simulationUpdate(details.warnings, result)),
  });
  const chosen = await chosenFee(chain, from, fees, outcome.fee);
  const account = signerAccount(ctx, from);
  return wallet.nonces.withNonce(
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
      const sent = {
        chain,
        account: from,
        origin,
        nonce: common.nonce,
        to: common.to ?? null,
        value,
        data,
        gas: common.gas,
        fees: fee,
        summary: details.summary,
      };
      let hash: Hex;
      try {
        hash = (await chainRequest(chain, "eth_sendRawTransaction", [serialized])) as Hex;
      } catch (error) {
        // Refused by the node: listed with why, and the nonce stays free (withNonce).
        throw recordRefusal(wallet, sent, error);
      }
      recordTransaction(wallet, { ...sent, hash });
      return hash;
    },
    chosen.nonce,
  );
};
