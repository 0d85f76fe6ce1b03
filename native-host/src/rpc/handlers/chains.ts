import type { Warning } from "../../../../protocol/approvalDetails.js";
import { InvalidParamsError, UnrecognizedChainError } from "../../../../protocol/errors.js";
import { siteWarnings } from "../../approvals/siteWarnings.js";
import type { Chain } from "../../stores/chains.js";
import { reportedChainId } from "../../wallet/chainClient.js";
import type { Handler, RequestContext } from "../Handler.js";

async function switchWithApproval(ctx: RequestContext, chain: Chain): Promise<void> {
  const { origin, session, wallet } = ctx;
  const current = wallet.chainIdFor(origin);
  if (current === chain.chainId) return;
  const fromName = wallet.chains.get(current)?.name ?? `Chain ${current}`;
  await wallet.approvals.ask(session, {
    origin,
    kind: "switch-chain",
    chainId: current,
    details: {
      summary: `Switch this site from ${fromName} to ${chain.name}`,
      warnings: siteWarnings(origin),
      from: { chainId: current, name: fromName },
      to: { chainId: chain.chainId, name: chain.name },
    },
  });
  wallet.switchChain(origin, chain.chainId);
}

/** https://eips.ethereum.org/EIPS/eip-3326 — 4902 when the wallet does not know the chain. */
export const walletSwitchEthereumChain: Handler<"wallet_switchEthereumChain"> = async (
  ctx,
  [{ chainId }],
) => {
  const chain = ctx.wallet.chains.get(Number(chainId));
  if (!chain)
    throw new UnrecognizedChainError(
      `Unrecognized chain ID ${chainId}. Try adding the chain using wallet_addEthereumChain first.`,
    );
  await switchWithApproval(ctx, chain);
  return null;
};

/**
 * What a person should know before adding a network a site proposes: its node is the site's
 * choice, and a familiar name on another chain ID is how a fake network passes for a real one.
 */
function addChainWarnings({ origin, wallet }: RequestContext, chain: Chain): Warning[] {
  const warnings: Warning[] = [];
  const namesake = wallet.chains
    .list()
    .find((known) => known.name.trim().toLowerCase() === chain.name.trim().toLowerCase());
  if (namesake) {
    warnings.push({
      code: "network-name-reused",
      severity: "caution",
      message: `You already have a network named ${namesake.name} with chain ID ${namesake.chainId}; this one is a different network under the same name.`,
    });
  }
  warnings.push({
    code: "site-proposed-rpc",
    severity: "caution",
    message:
      "The site chose this network's node: it will see your address and balances, and what it reports is only as honest as whoever runs it.",
  });
  return [...warnings, ...siteWarnings(origin)];
}

/**
 * https://eips.ethereum.org/EIPS/eip-3085 — a known chain is never added twice, only switched
 * to. The proposed endpoint is not contacted before the person approves: a page could otherwise
 * make the host request any address it likes (a loopback or LAN service) just by proposing it.
 * After approval the endpoint must report the same chain id; the error says only that it did
 * not, never what it answered. An approved addition leaves the site on the new chain.
 */
export const walletAddEthereumChain: Handler<"wallet_addEthereumChain"> = async (ctx, [request]) => {
  const chainId = Number(request.chainId);
  const known = ctx.wallet.chains.get(chainId);
  if (known) {
    await switchWithApproval(ctx, known);
    return null;
  }
  const rpcUrl = request.rpcUrls[0] as string;
  const chain: Chain = {
    chainId,
    name: request.chainName,
    symbol: request.nativeCurrency.symbol,
    decimals: 18,
    rpcUrls: [rpcUrl],
    blockExplorerUrls: request.blockExplorerUrls ?? [],
  };
  const { origin, session, wallet } = ctx;
  await wallet.approvals.ask(session, {
    origin,
    kind: "add-chain",
    chainId: wallet.chainIdFor(origin),
    details: {
      summary: `Add the network ${chain.name} (chain ID ${chainId}) and switch to it`,
      warnings: addChainWarnings(ctx, chain),
      chainId,
      name: chain.name,
      symbol: chain.symbol,
      decimals: chain.decimals,
      rpcUrl,
      explorerUrl: chain.blockExplorerUrls[0],
    },
  });
  if ((await reportedChainId(rpcUrl)) !== chainId) {
    throw new InvalidParamsError(`The RPC endpoint did not confirm chain ${request.chainId}`);
  }
  // Remembered so a simulation on this endpoint is marked as coming from a site's node.
  wallet.chains.upsert({ ...chain, addedBy: origin });
  wallet.switchChain(origin, chainId);
  return null;
};
