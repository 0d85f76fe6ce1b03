import { randomBytes } from "node:crypto";
import { type Address, formatUnits, type Hex, hexToBigInt } from "viem";
import type { ApprovalDetails, Fees } from "../../../../protocol/approvalDetails.js";
import { MAX_BATCH_CALLS } from "../../../../protocol/callBatch.js";
import {
  AtomicityNotSupportedError,
  BundleTooLargeError,
  InvalidParamsError,
  UnauthorizedError,
  UnsupportedChainIdError,
  UnsupportedNonOptionalCapabilityError,
} from "../../../../protocol/errors.js";
import type { Capabilities } from "../../../../protocol/rpc/calls.js";
import { recordRefusal, recordTransaction } from "../../activity/recordActivity.js";
import { chosenFee } from "../../approvals/feeChoice.js";
import { suggestFees } from "../../approvals/fees.js";
import { simulateWithDeadline, simulationUpdate } from "../../approvals/simulationUpdate.js";
import {
  knownCounterparties,
  ownAccountNames,
  transactionDetails,
} from "../../approvals/transactionDetails.js";
import type { StoredBatch } from "../../stores/callBatches.js";
import type { Chain } from "../../stores/chains.js";
import { chainRequest } from "../../wallet/chainClient.js";
import type { Handler, RequestContext } from "../Handler.js";
import { type BatchCall, type BatchFees, estimateBatchGas, estimateCallGas } from "./batchGas.js";
import { requirePermitted, signerAccount } from "./signer.js";

/** Vaughan supports no capability a dApp can ask for in a batch: any not marked optional is 5700. */
function refuseCapabilities(capabilities: Capabilities | undefined): void {
  for (const [name, capability] of Object.entries(capabilities ?? {})) {
    if (capability.optional !== true) {
      throw new UnsupportedNonOptionalCapabilityError(undefined, { data: { capability: name } });
    }
  }
}

/** Without `from`, the site's first account (the selected one when the site may use it). */
function defaultSender(ctx: RequestContext): string {
  const [first] = ctx.wallet.accountsFor(ctx.origin);
  if (!first) throw new UnauthorizedError("The site has no account it may send from");
  return first.toLowerCase();
}

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

async function buildDetails(
  ctx: RequestContext,
  chain: Chain,
  from: string,
  calls: readonly BatchCall[],
  fees: Fees,
): Promise<{ details: ApprovalDetails<"send-calls">; summaries: string[] }> {
  const names = ownAccountNames(ctx.wallet);
  const counterparties = knownCounterparties(ctx.wallet, chain, from);
  // Each call decoded and warned about as a transaction of its own would be.
  const each = await Promise.all(
    calls.map((call) =>
      transactionDetails(
        names,
        {
          chain,
          from,
          to: call.to ?? null,
          value: call.value,
          data: call.data ?? "0x",
          fees,
        },
        counterparties,
      ),
    ),
  );
  const seen = new Set<string>();
  const callWarnings = each
    .flatMap((d) => d.warnings)
    .filter((w) => !seen.has(`${w.code}\n${w.message}`) && seen.add(`${w.code}\n${w.message}`));
  const named = (address: string) => {
    const name = names.get(address.toLowerCase());
    return name === undefined ? { address } : { address, name };
  };
  const amount = (wei: bigint) => ({
    raw: wei.toString(),
    formatted: `${formatUnits(wei, chain.decimals)} ${chain.symbol}`,
  });
  const total = calls.reduce((sum, call) => sum + call.value, 0n);
  const details: ApprovalDetails<"send-calls"> = {
    summary: `Send ${calls.length} call${calls.length === 1 ? "" : "s"} one after another from ${short(from)}${
      total > 0n ? `, ${amount(total).formatted} in all` : ""
    }`,
    warnings: [
      ...callWarnings,
      {
        code: "not-atomic",
        severity: "info",
        message:
          "The calls are sent as separate transactions, in order: if a later one fails, the earlier ones still take effect.",
      },
    ],
    from: named(from),
    calls: calls.map((call, i) => ({
      to: call.to ? named(call.to) : null,
      value: amount(call.value),
      data: call.data ?? "0x",
      ...(each[i]?.call ? { call: each[i].call } : {}),
    })),
    // One fee view for the batch: its gas is all the calls' together, each option's cost the batch's most.
    fees,
    // The batch's simulation (all calls in one block, in order) arrives as an update.
    simulation: { status: "pending" },
  };
  // Each call's own line, as a transaction's window would lead with it, for the activity.
  return { details, summaries: each.map((d) => d.summary) };
}

/**
 * EIP-5792 `wallet_sendCalls`: every check that can refuse the batch runs before the window; one
 * approval covers all its calls, which are then signed and broadcast in order, with consecutive
 * nonces, as separate transactions (Vaughan's accounts are plain EOAs: never atomic). Returns the
 * batch id at once; `wallet_getCallsStatus` follows the receipts.
 * https://eips.ethereum.org/EIPS/eip-5792#wallet_sendcalls
 */
export const walletSendCalls: Handler<"wallet_sendCalls"> = async (ctx, [request]) => {
  if (request.version !== "2.0.0") {
    throw new InvalidParamsError(`Invalid params: version ${request.version} is not supported (2.0.0 is)`);
  }
  const from = request.from === undefined ? defaultSender(ctx) : requirePermitted(ctx, request.from);
  const { origin, session, wallet } = ctx;
  const chain = wallet.chainFor(origin);
  if (hexToBigInt(request.chainId) !== BigInt(chain.chainId)) throw new UnsupportedChainIdError();
  refuseCapabilities(request.capabilities);
  for (const call of request.calls) refuseCapabilities(call.capabilities);
  if (request.atomicRequired) throw new AtomicityNotSupportedError();
  if (request.calls.length > MAX_BATCH_CALLS) {
    throw new BundleTooLargeError(undefined, { data: { maxCalls: MAX_BATCH_CALLS } });
  }
  const calls: BatchCall[] = request.calls.map((call, index) => {
    if (!call.to && (!call.data || call.data === "0x")) {
      throw new InvalidParamsError(
        `Invalid params: call ${index} has no \`to\` and no contract code to deploy`,
      );
    }
    return {
      ...(call.to ? { to: call.to.toLowerCase() as Address } : {}),
      value: hexToBigInt(call.value ?? "0x0"),
      ...(call.data && call.data !== "0x" ? { data: call.data } : {}),
    };
  });
  const id = request.id ?? `0x${randomBytes(32).toString("hex")}`;
  const release = wallet.calls.store.reserve(origin, id);
  try {
    // Started at once: the window opens without waiting for it and is updated.
    const simulation = simulateWithDeadline(
      chain,
      from,
      calls.map((call) => ({ to: call.to ?? null, value: call.value, data: call.data })),
      { enabled: wallet.settings.get().simulate },
    );
    const [gas, nonceHex] = await Promise.all([
      estimateBatchGas(chain, from, calls),
      chainRequest(chain, "eth_getTransactionCount", [from, "pending"]) as Promise<Hex>,
    ]);
    const totalGas = gas.reduce((sum, g) => sum + g, 0n);
    const fees = await suggestFees(chain, totalGas, Number(hexToBigInt(nonceHex)));
    const { details, summaries } = await buildDetails(ctx, chain, from, calls, fees);
    const outcome = await wallet.approvals.ask(session, {
      origin,
      kind: "send-calls",
      chainId: chain.chainId,
      details,
      later: simulation.then((result) => simulationUpdate(details.warnings, result)),
    });
    // The speed (or custom fee) chosen applies to every call; gas stays per call and the
    // nonces consecutive from the account's next, so a custom gas or nonce is not taken here.
    const { fee } = await chosenFee(chain, from, fees, outcome.fee);
    const batch: StoredBatch = {
      id,
      origin,
      chainId: chain.chainId,
      from,
      createdAt: Date.now(),
      sent: false,
      calls: calls.map((call) => ({
        to: call.to ?? null,
        value: `0x${call.value.toString(16)}`,
        dataSize: call.data ? (call.data.length - 2) / 2 : 0,
        ...(call.data && call.data.length >= 10 ? { selector: call.data.slice(0, 10).toLowerCase() } : {}),
      })),
    };
    wallet.calls.store.add(batch);
    await sendInOrder(ctx, chain, batch, calls, gas, fee, summaries);
    return { id };
  } finally {
    release();
  }
};

/**
 * Signs and broadcasts the calls in order under the account's nonce lock. Each call after the
 * first is estimated again on the state the earlier ones left (an `approve` now mined lets its
 * `transferFrom` estimate). A call the node refuses stops the batch: the ones after it are
 * never sent, and the status says so. Each one sent joins the activity as eth_sendTransaction's
 * do (recordTransaction), naming its batch; one the node refuses is listed failed (recordRefusal).
 */
async function sendInOrder(
  ctx: RequestContext,
  chain: Chain,
  batch: StoredBatch,
  calls: readonly BatchCall[],
  gas: readonly bigint[],
  fees: BatchFees,
  summaries: readonly string[],
): Promise<void> {
  const { wallet } = ctx;
  const done = wallet.calls.startSending(batch);
  try {
    const account = signerAccount(ctx, batch.from);
    await wallet.nonces.withNonces(chain, batch.from, async (nonces) => {
      for (const [index, call] of calls.entries()) {
        const nonce = nonces.peek();
        const limit =
          index === 0
            ? (gas[0] as bigint)
            : ((await estimateCallGas(chain, batch.from, call, "pending")) ?? (gas[index] as bigint));
        const common = {
          chainId: chain.chainId,
          to: call.to,
          value: call.value,
          data: call.data,
          gas: limit,
          nonce: Number(nonce),
        };
        const sent = {
          chain,
          account: batch.from,
          origin: batch.origin,
          nonce: common.nonce,
          to: call.to ?? null,
          value: call.value,
          data: call.data,
          gas: limit,
          fees,
          summary: summaries[index] ?? `Call ${index + 1} of ${calls.length}`,
          batch: { id: batch.id, index, calls: calls.length },
        };
        let serialized: Hex;
        try {
          serialized =
            "gasPrice" in fees
              ? await account.signTransaction({ ...common, type: "legacy", gasPrice: fees.gasPrice })
              : await account.signTransaction({ ...common, type: "eip1559", ...fees });
        } catch {
          return;
        }
        let hash: Hex;
        try {
          hash = (await chainRequest(chain, "eth_sendRawTransaction", [serialized])) as Hex;
        } catch (error) {
          // Refused by the node: listed with why, as a lone transaction's refusal is. The site
          // learns it from the batch's status (the calls after it are never sent).
          recordRefusal(wallet, sent, error);
          return;
        }
        nonces.sent(nonce, hash);
        wallet.calls.store.change(batch.origin, batch.id, (stored) => {
          const entry = stored.calls[index];
          if (!entry) return;
          entry.hash = hash.toLowerCase();
          entry.nonce = Number(nonce);
          entry.sentAt = Date.now();
        });
        recordTransaction(wallet, { ...sent, hash });
      }
    });
  } finally {
    done();
  }
}
