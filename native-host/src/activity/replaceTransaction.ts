import { formatUnits, type Hex } from "viem";
import type { Fees } from "../../../protocol/approvalDetails.js";
import { InvalidParamsError, UnauthorizedError } from "../../../protocol/errors.js";
import { WALLET_ORIGIN } from "../../../protocol/walletOrigin.js";
import { chosenFee } from "../approvals/feeChoice.js";
import type { Chain } from "../stores/chains.js";
import { chainRequest } from "../wallet/chainClient.js";
import type { Session } from "../wallet/Session.js";
import type { Wallet } from "../wallet/Wallet.js";
import { quantity, recordRefusal, recordTransaction, type SentRecord } from "./recordActivity.js";

export type ReplacementPurpose = "speed-up" | "cancel";

/**
 * A replacement's fee: at least 10% over the original's (nodes refuse less: geth's default
 * price bump), rounded up and one wei more so rounding never lands exactly on the bump, and at
 * least what the network suggests now.
 */
export function bumped(original: bigint, suggested: bigint): bigint {
  const raised = (original * 110n + 99n) / 100n + 1n;
  return raised > suggested ? raised : suggested;
}

interface ChainTransaction {
  to?: string | null;
  value?: string;
  input?: string;
  gas?: string;
  gasPrice?: string;
  maxFeePerGas?: string;
  maxPriorityFeePerGas?: string;
  nonce?: string;
}

/** The fees of the replacement, from the original's and the chain's current suggestion. */
async function replacementFees(chain: Chain, original: ChainTransaction): Promise<SentRecord["fees"]> {
  if (original.maxFeePerGas === undefined) {
    const suggested = quantity(await chainRequest(chain, "eth_gasPrice", []));
    return { gasPrice: bumped(quantity(original.gasPrice), suggested) };
  }
  const tipNow = quantity(await chainRequest(chain, "eth_maxPriorityFeePerGas", []));
  const block = (await chainRequest(chain, "eth_getBlockByNumber", ["latest", false])) as {
    baseFeePerGas?: string;
  };
  const maxPriorityFeePerGas = bumped(quantity(original.maxPriorityFeePerGas), tipNow);
  // Twice the base fee plus the tip, as for a new transaction (sendTransaction.ts).
  const maxFeePerGas = bumped(
    quantity(original.maxFeePerGas),
    quantity(block.baseFeePerGas) * 2n + maxPriorityFeePerGas,
  );
  return { maxFeePerGas, maxPriorityFeePerGas };
}

/**
 * Speeds up or cancels a pending transaction of the wallet's: a new transaction with the same
 * nonce and raised fees, asked for in the normal approval window as a `send-transaction` from
 * WALLET_ORIGIN (never a site's origin), then signed and broadcast like a site's. A speed-up
 * resends what the chain holds for the original (to, value, data, gas); a cancel is a zero-value
 * send to the account itself. Resolves once the approval is asked: the person answers in the
 * window, and the replacement shows in the activity once sent.
 */
export async function replaceTransaction(
  wallet: Wallet,
  session: Session,
  chainId: number,
  hash: string,
  purpose: ReplacementPurpose,
): Promise<true> {
  if (session.role !== "extension")
    throw new UnauthorizedError("Only the browser can show the approval window");
  const chain = wallet.chains.get(chainId);
  if (!chain) throw new InvalidParamsError(`Chain ${chainId} is not configured`);
  const account = wallet.selectedAddress()?.toLowerCase();
  const entry = account ? wallet.activity.find(chainId, account, hash.toLowerCase()) : undefined;
  if (!account || !entry || entry.kind !== "transaction" || entry.nonce === undefined)
    throw new InvalidParamsError("No such transaction of the selected account");
  if (entry.status !== "pending") throw new InvalidParamsError(`The transaction is already ${entry.status}`);
  const original = (await chainRequest(chain, "eth_getTransactionByHash", [
    entry.hash,
  ])) as ChainTransaction | null;
  if (!original)
    throw new InvalidParamsError("The network no longer knows this transaction; it may have been dropped");
  const fees = await replacementFees(chain, original);
  const speedUp = purpose === "speed-up";
  const to = speedUp ? (original.to ?? null) : account;
  const value = speedUp ? quantity(original.value) : 0n;
  const data = speedUp ? ((original.input ?? "0x") as Hex) : undefined;
  const gas = speedUp ? quantity(original.gas) : 21_000n;
  const maxFee = "gasPrice" in fees ? fees.gasPrice : fees.maxFeePerGas;
  const feeView: Fees = {
    type: "gasPrice" in fees ? "legacy" : "eip1559",
    gas: gas.toString(),
    nonce: entry.nonce,
    options: [
      {
        speed: "normal",
        ...("gasPrice" in fees
          ? { gasPrice: fees.gasPrice.toString() }
          : {
              maxFeePerGas: fees.maxFeePerGas.toString(),
              maxPriorityFeePerGas: fees.maxPriorityFeePerGas.toString(),
            }),
        maxCost: {
          raw: (value + gas * maxFee).toString(),
          formatted: `${formatUnits(value + gas * maxFee, chain.decimals)} ${chain.symbol}`,
        },
      },
    ],
    selected: "normal",
  };
  const record = (signedGas: bigint, fee: SentRecord["fees"]): Omit<SentRecord, "hash"> => ({
    chain,
    account,
    origin: WALLET_ORIGIN,
    nonce: entry.nonce as number,
    to,
    value,
    data,
    gas: signedGas,
    fees: fee,
    replacement: {
      replaces: entry.hash as Hex,
      purpose,
      summary: speedUp ? `Speed up: ${entry.summary}` : `Cancel transaction #${entry.nonce}`,
    },
  });
  const refuse = (error: unknown, signedGas: bigint, fee: SentRecord["fees"]) =>
    recordRefusal(wallet, record(signedGas, fee), error);
  // Throws at once (-32002) when the wallet already has a prompt of this kind open: the popup
  // shows that, instead of a window that never comes.
  const approval = wallet.approvals.ask(session, {
    origin: WALLET_ORIGIN,
    kind: "send-transaction",
    chainId,
    details: {
      summary: `${speedUp ? "Speed up" : "Cancel"} transaction ${hash.slice(0, 10)}… (nonce ${entry.nonce})`,
      warnings: [],
      from: { address: account },
      to: to === null ? null : { address: to },
      value: { raw: value.toString(), formatted: `${formatUnits(value, chain.decimals)} ${chain.symbol}` },
      data: data ?? "0x",
      fees: feeView,
      // It repeats (or voids) a transaction already sent with the same nonce: nothing new to simulate.
      simulation: {
        status: "unavailable",
        reason: "A replacement is not simulated: it repeats or cancels a transaction already sent",
        reverts: null,
      },
    },
  });
  void approval
    .then(async (outcome) => {
      // The person may edit the fee (or gas) in the window; the nonce is the original's, always.
      const choice =
        outcome.fee && "custom" in outcome.fee
          ? { custom: { ...outcome.fee.custom, nonce: undefined } }
          : outcome.fee;
      const chosen = await chosenFee(chain, account, feeView, choice).catch((error: unknown) => {
        throw refuse(error, gas, fees);
      });
      const vault = wallet.vault();
      if (!vault?.isUnlocked)
        throw refuse(
          new UnauthorizedError("The wallet locked before the replacement was signed"),
          chosen.gas,
          chosen.fee,
        );
      vault.touch();
      const signer = vault.account(account);
      const common = {
        chainId,
        to: (to ?? undefined) as Hex | undefined,
        value,
        data,
        gas: chosen.gas,
      };
      const fee = chosen.fee;
      await wallet.nonces.withNonce(
        chain,
        account,
        async (nonce) => {
          const tx = { ...common, nonce: Number(nonce) };
          const serialized =
            "gasPrice" in fee
              ? await signer.signTransaction({ ...tx, type: "legacy", gasPrice: fee.gasPrice })
              : await signer.signTransaction({ ...tx, type: "eip1559", ...fee });
          let sent: Hex;
          try {
            sent = (await chainRequest(chain, "eth_sendRawTransaction", [serialized])) as Hex;
          } catch (error) {
            throw refuse(error, chosen.gas, fee);
          }
          recordTransaction(wallet, { ...record(chosen.gas, fee), hash: sent });
          return sent;
        },
        entry.nonce,
      );
    })
    // Rejected or timed out: the original stays as it is, and nothing is listed. Refused by the
    // node (another replacement mined first, a fee below the bump): listed as failed, with why,
    // where the popup that asked shows it.
    .catch(() => undefined);
  return true;
}
