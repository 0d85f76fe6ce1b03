import * as z from "zod";
import type { Warning } from "../../../../protocol/approvalDetails.js";
import { InvalidParamsError, UnrecognizedChainError } from "../../../../protocol/errors.js";
import { siteWarnings } from "../../approvals/siteWarnings.js";
import type { Chain } from "../../stores/chains.js";
import { reportedChainId } from "../../wallet/chainClient.js";
import { isAllowedExplorerUrl, isAllowedRpcUrl } from "../../wallet/chainUrls.js";
import type { Handler, RequestContext } from "../Handler.js";
import { parseParams } from "../params.js";

/** EIP-3085 chain ids: unpadded, non-zero hex, at most 2^53 − 1 so every wallet agrees on it. */
const ChainIdSchema = z
  .string()
  .regex(/^0x[1-9a-fA-F][0-9a-fA-F]*$/, "chainId must be an unpadded, non-zero hex string")
  .refine((s) => s.length <= 16 && Number(s) <= Number.MAX_SAFE_INTEGER, "chainId is above 2^53 - 1");

/** https everywhere; plain http only to this machine (a devnet). */
const RpcUrlSchema = z
  .string()
  .max(2048)
  .refine(isAllowedRpcUrl, "rpcUrls must be https (or http to a loopback address)");

const AddChainSchema = z.tuple([
  z
    .object({
      chainId: ChainIdSchema,
      chainName: z.string().min(1).max(128),
      nativeCurrency: z
        .object({
          name: z.string().min(1).max(64),
          symbol: z.string().min(2).max(6),
          decimals: z.literal(18),
        })
        .strict(),
      rpcUrls: z.array(RpcUrlSchema).min(1).max(8),
      blockExplorerUrls: z
        .array(z.string().max(2048).refine(isAllowedExplorerUrl, "blockExplorerUrls must be https"))
        .max(8)
        .nullable()
        .optional(),
      iconUrls: z.array(z.string().url().max(2048)).max(8).nullable().optional(),
    })
    .strict(),
]);

const SwitchChainSchema = z.tuple([z.object({ chainId: ChainIdSchema }).strict()]);

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
export const walletSwitchEthereumChain: Handler = async (ctx, params) => {
  const [{ chainId }] = parseParams(SwitchChainSchema, params);
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
export const walletAddEthereumChain: Handler = async (ctx, params) => {
  const [request] = parseParams(AddChainSchema, params);
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
