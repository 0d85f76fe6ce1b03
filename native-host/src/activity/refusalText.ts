import { ChainDisconnectedError, InvalidParamsError, UnauthorizedError } from "../../../protocol/errors.js";
import type { Chain } from "../stores/chains.js";

interface Reason {
  /** The node's words (geth, anvil, erigon, nethermind). */
  match: RegExp;
  why: (chain: Chain) => string;
  todo: (chain: Chain) => string;
}

const REASONS: readonly Reason[] = [
  {
    match: /underpriced|replacement fee too low|fee too low to replace/i,
    why: () =>
      "a replacement must pay at least 10% more than the pending transaction, in both the max fee and the priority fee",
    todo: () => "try again with the suggested fee or a higher one",
  },
  {
    match: /already known|already imported/i,
    why: () => "the very same transaction is already waiting in the network's pool",
    todo: () => "to replace it, raise the fee by at least 10%",
  },
  {
    match: /nonce too low|nonce has already been used/i,
    why: () =>
      "its nonce is already used: the transaction it replaces, or an earlier one, was mined meanwhile",
    todo: () => "look at the activity to see which one went through",
  },
  {
    match: /insufficient funds|exceeds balance|not enough funds/i,
    why: (chain) => `the account has too little ${chain.symbol} for the amount and the most the fee can cost`,
    todo: (chain) => `lower the amount or the fee, or add ${chain.symbol} to the account`,
  },
  {
    match: /less than (the )?block base fee|fee cap .*base fee|max fee per gas less than/i,
    why: () => "its max fee is below the network's base fee now",
    todo: () => "try again with a higher max fee",
  },
  {
    match: /intrinsic gas too low|gas too low|out of gas/i,
    why: () => "its gas limit is too low for what it does",
    todo: () => "try again with the suggested gas limit",
  },
  {
    match: /exceeds block gas limit|gas limit reached/i,
    why: () => "its gas limit is above what a block can hold",
    todo: () => "try again with a lower gas limit",
  },
  {
    match: /nonce too high|gapped/i,
    why: () => "an earlier transaction of this account is missing",
    todo: () => "wait for the pending ones, or cancel them, and try again",
  },
];

/**
 * A transaction the node refused at broadcast (or could not be reached for), in words for the
 * person who approved it: what happened, that nothing was sent, and what to do.
 */
export function refusalText(chain: Chain, error: unknown): string {
  if (error instanceof ChainDisconnectedError)
    return `${chain.name} could not be reached, so the transaction most likely was not sent: check the network's connection, and the activity, before trying again.`;
  const message = error instanceof Error ? error.message : "";
  // The wallet's own refusal (locked meanwhile, a fee it cannot sign): its message says why.
  if (error instanceof UnauthorizedError || error instanceof InvalidParamsError) {
    const why = message.replace(/^Invalid params: /, "");
    return `${why.charAt(0).toUpperCase()}${why.slice(1)}. Nothing was sent: try again.`;
  }
  const known = REASONS.find((r) => r.match.test(message));
  if (known) return `The network refused it: ${known.why(chain)}. Nothing was sent: ${known.todo(chain)}.`;
  const said = message ? ` ("${message.slice(0, 200)}")` : "";
  return `The network refused it${said}. Nothing was sent: check the details and try again.`;
}
