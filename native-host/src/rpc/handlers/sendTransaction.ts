import { type Hex, hexToBigInt } from "viem";
import type { Warning } from "../../../../protocol/approvalDetails.js";
import { InvalidParamsError } from "../../../../protocol/errors.js";
import { recordRefusal, recordTransaction } from "../../activity/recordActivity.js";
import { chosenFee } from "../../approvals/feeChoice.js";
import { dappFees, suggestFees } from "../../approvals/fees.js";
import { simulateWithDeadline, simulationUpdate } from "../../approvals/simulationUpdate.js";
import { sendTransactionDetails } from "../../approvals/transactionDetails.js";
import { chainRequest } from "../../wallet/chainClient.js";
import type { Handler } from "../Handler.js";
import { requirePermitted, signerAccount } from "./signer.js";

/**
 * Fills gas and EIP-1559 fees from the site's chain, asks the user, then signs with the vault's
 * key and broadcasts. A `chainId` other than the site's is refused before anything else (T14);
 * an EIP-7702 transaction never gets this far (its params schema refuses it).
 */
export const ethSendTransaction: Handler<"eth_sendTransaction"> = async (ctx, [tx]) => {
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
  const data = tx.data ?? tx.input;
  // Transactions no chain would take are refused before the user is asked to approve them.
  const givenGas = tx.gas ?? tx.gasLimit;
  if (givenGas !== undefined && hexToBigInt(givenGas) < 21_000n) {
    throw new InvalidParamsError("Invalid params: gas is below the 21000 every transaction costs");
  }
  const tipAboveMax =
    tx.maxFeePerGas !== undefined &&
    tx.maxPriorityFeePerGas !== undefined &&
    hexToBigInt(tx.maxPriorityFeePerGas) > hexToBigInt(tx.maxFeePerGas);
  if (tipAboveMax) {
    throw new InvalidParamsError("Invalid params: maxPriorityFeePerGas is above maxFeePerGas");
  }
  const value = hexToBigInt(tx.value ?? "0x0");
  // Started at once, beside the rest: the window opens without waiting and is updated.
  const simulation = simulateWithDeadline(
    chain,
    from,
    [{ to: tx.to, value, data, gas: givenGas === undefined ? undefined : hexToBigInt(givenGas) }],
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
