import { encodeFunctionData, erc20Abi, getAddress, type Hex, parseUnits, toHex } from "viem";
import { InvalidParamsError, UnauthorizedError, UnrecognizedChainError } from "../../../protocol/errors.js";
import type { SendRequest } from "../../../protocol/ui.js";
import { WALLET_ORIGIN } from "../../../protocol/walletOrigin.js";
import { parsingHandler } from "../rpc/methodHandlers.js";
import { AssetStore } from "../stores/assets.js";
import { RecipientStore } from "../stores/recipients.js";
import type { Session } from "./Session.js";
import { checkRecipient, sendWarnings } from "./sendWarnings.js";
import type { Wallet } from "./Wallet.js";

/** An amount a person typed, in base units; more decimals than the asset has is refused, never rounded. */
function baseUnits(amount: string, decimals: number, symbol: string): bigint {
  const fraction = amount.split(".")[1] ?? "";
  if (fraction.length > decimals)
    throw new InvalidParamsError(`${symbol} has ${decimals} decimals: the amount has ${fraction.length}`);
  const value = parseUnits(amount, decimals);
  if (value === 0n) throw new InvalidParamsError("Enter an amount above zero");
  return value;
}

/**
 * A send from the wallet's own Send screen: ETH, or a watched token's `transfer`. It goes through
 * the very path a site's `eth_sendTransaction` takes (fees, the approval window of kind
 * `send-transaction`, signing, broadcast), under the origin label WALLET_ORIGIN, with the host's
 * warnings in the window. Resolves with the transaction hash.
 */
export async function walletSend(
  wallet: Wallet,
  session: Session,
  request: SendRequest,
): Promise<{ hash: Hex }> {
  const vault = wallet.vault();
  if (!vault || wallet.locked) throw new UnauthorizedError("The wallet is locked");
  if (!vault.accounts().some((a) => a.address.toLowerCase() === request.from.toLowerCase()))
    throw new UnauthorizedError(`Unknown account ${request.from}`);
  checkRecipient(request.to);
  const to = getAddress(request.to.toLowerCase());
  const chain = wallet.chains.get(request.chainId);
  if (!chain) throw new UnrecognizedChainError(`Unknown chain ${request.chainId}`);
  let tx: { from: string; to: string; value?: Hex; data?: Hex };
  if (request.asset === "native") {
    const value = baseUnits(request.amount, chain.decimals, chain.symbol);
    tx = { from: request.from, to, value: toHex(value) };
  } else {
    const asset = request.asset.toLowerCase();
    const token = new AssetStore(wallet.home)
      .list()
      .find((t) => t.chainId === chain.chainId && t.address.toLowerCase() === asset);
    if (!token)
      throw new InvalidParamsError(`${request.asset} is not a watched token on chain ${chain.chainId}`);
    const amount = baseUnits(request.amount, token.decimals, token.symbol);
    tx = {
      from: request.from,
      to: token.address,
      data: encodeFunctionData({
        abi: erc20Abi,
        functionName: "transfer",
        args: [to, amount],
      }),
    };
  }
  const warnings = sendWarnings(wallet, request);
  // Through the params schema a site's transaction passes, so it is held to the same rules.
  const hash = (await parsingHandler("eth_sendTransaction")(
    { origin: WALLET_ORIGIN, session, wallet, own: { chain, warnings } },
    [tx],
  )) as Hex;
  new RecipientStore(wallet.home).record(request.to);
  return { hash };
}
