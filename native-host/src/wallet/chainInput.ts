import { isAllowedExplorerUrl, isAllowedRpcUrl } from "../../../protocol/chainUrls.js";
import { InvalidParamsError } from "../../../protocol/errors.js";
import type { ChainEdit, NewChain } from "../../../protocol/ui.js";
import type { Chain } from "../stores/chains.js";
import { reportedChainId } from "./chainClient.js";

function checkRpcUrl(url: string): void {
  if (!isAllowedRpcUrl(url))
    throw new InvalidParamsError(
      "The RPC URL must be https (or http to this computer: 127.0.0.1, localhost)",
    );
}

function checkExplorerUrl(url: string): void {
  if (!isAllowedExplorerUrl(url)) throw new InvalidParamsError("The block explorer URL must be https");
}

/**
 * The endpoint must say it serves `chainId`, as after a dApp's approved `wallet_addEthereumChain`:
 * one `eth_chainId` with a bounded answer and no redirect followed. A typo in the URL or the id
 * would otherwise send a person's transactions to the wrong chain.
 */
async function confirmChainId(url: string, chainId: number): Promise<void> {
  const reported = await reportedChainId(url);
  if (reported === undefined) throw new InvalidParamsError(`${url} did not answer eth_chainId`);
  if (reported !== chainId) throw new InvalidParamsError(`${url} reports chain ${reported}, not ${chainId}`);
}

/** A chain a person typed in (the Networks screen, `chains add`), checked as EIP-3085's are. */
export async function checkedNewChain(input: NewChain): Promise<Chain> {
  checkRpcUrl(input.rpcUrl);
  if (input.blockExplorerUrl) checkExplorerUrl(input.blockExplorerUrl);
  await confirmChainId(input.rpcUrl, input.chainId);
  return {
    chainId: input.chainId,
    name: input.name.trim() || `Chain ${input.chainId}`,
    symbol: input.symbol,
    decimals: 18,
    rpcUrls: [input.rpcUrl],
    blockExplorerUrls: input.blockExplorerUrl ? [input.blockExplorerUrl] : [],
  };
}

/** `current` with the edit applied; a new RPC URL is confirmed like a new chain's. */
export async function checkedChainEdit(current: Chain, edit: ChainEdit): Promise<Chain> {
  const next: Chain = {
    ...current,
    rpcUrls: [...current.rpcUrls],
    blockExplorerUrls: [...current.blockExplorerUrls],
  };
  if (edit.name !== undefined) next.name = edit.name.trim() || current.name;
  if (edit.blockExplorerUrl === null) next.blockExplorerUrls = [];
  else if (edit.blockExplorerUrl !== undefined) {
    checkExplorerUrl(edit.blockExplorerUrl);
    next.blockExplorerUrls = [edit.blockExplorerUrl];
  }
  if (edit.rpcUrl !== undefined && edit.rpcUrl !== current.rpcUrls[0]) {
    checkRpcUrl(edit.rpcUrl);
    await confirmChainId(edit.rpcUrl, current.chainId);
    next.rpcUrls = [edit.rpcUrl];
  }
  return next;
}
