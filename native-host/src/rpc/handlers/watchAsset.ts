import { formatUnits } from "viem";
import type { Amount, Warning } from "../../../../protocol/approvalDetails.js";
import { InvalidParamsError, UnauthorizedError } from "../../../../protocol/errors.js";
import { siteWarnings } from "../../approvals/siteWarnings.js";
import { holdsNft, type OnChainToken, readErc20 } from "../../approvals/tokenHoldings.js";
import type { Chain } from "../../stores/chains.js";
import type { Handler } from "../Handler.js";

function tokenWarnings(
  chain: Chain,
  claimed: { symbol: string; decimals: number },
  read: OnChainToken,
): Warning[] {
  if (!read.hasCode) {
    return [
      {
        code: "not-a-token",
        severity: "caution",
        message: `There is no contract at this address on ${chain.name}: the token the site describes does not exist here.`,
      },
    ];
  }
  const warnings: Warning[] = [];
  if (read.symbol !== undefined && read.symbol !== claimed.symbol) {
    warnings.push({
      code: "token-symbol-mismatch",
      severity: "caution",
      message: `The site calls this token ${claimed.symbol}, but its contract says ${read.symbol}.`,
    });
  }
  if (read.decimals !== undefined && read.decimals !== claimed.decimals) {
    warnings.push({
      code: "token-decimals-mismatch",
      severity: "caution",
      message: `The site says this token has ${claimed.decimals} decimals, but its contract says ${read.decimals}: amounts would show wrongly.`,
    });
  }
  return warnings;
}

/**
 * EIP-747: the user approves watching a token on the site's chain: an ERC-20, or (as MetaMask
 * accepts) an ERC-721 or ERC-1155 token id, which the selected account must own on that chain
 * before anyone is asked. https://eips.ethereum.org/EIPS/eip-747
 */
export const walletWatchAsset: Handler<"wallet_watchAsset"> = async (
  { origin, session, wallet },
  request,
) => {
  const chain = wallet.chainFor(origin);
  const chainId = chain.chainId;
  if (request.type !== "ERC20") {
    const { address, tokenId } = request.options;
    const owner = wallet.selectedAddress();
    if (!owner) throw new UnauthorizedError("No wallet yet: create one with `vaughan-host init`");
    // As MetaMask does: only an NFT the account holds on this chain, checked before anyone is asked.
    if (!(await holdsNft(chain, request.type, address, BigInt(tokenId), owner))) {
      throw new InvalidParamsError("Suggested NFT is not owned by the selected account");
    }
    const standard = request.type === "ERC721" ? "erc721" : "erc1155";
    const label = request.options.name ?? request.options.symbol ?? request.type;
    await wallet.approvals.ask(session, {
      origin,
      kind: "watch-asset",
      chainId,
      details: {
        summary: `Add ${label} #${tokenId} to your collectibles on ${chain.name}`,
        warnings: siteWarnings(origin),
        token: { address, standard, name: request.options.name, symbol: request.options.symbol },
        tokenId,
        image: request.options.image,
      },
    });
    wallet.assets.addNft({ chainId, address, standard: request.type, tokenId });
    return true;
  }
  const { address, symbol, decimals, image } = request.options;
  const account = wallet.accountsFor(origin)[0] ?? wallet.selectedAddress();
  // The contract's own answers (tokenHoldings.ts): a page can claim any symbol for any address.
  const read = await readErc20(chain, address, account);
  // The contract's own answers win where it gives them; the site's claims fill the gaps.
  const shownSymbol = read.symbol ?? symbol;
  const shownDecimals = read.decimals ?? decimals;
  const balance: Amount | undefined =
    read.balance === undefined
      ? undefined
      : {
          raw: read.balance.toString(),
          formatted: `${formatUnits(read.balance, shownDecimals)} ${shownSymbol}`,
        };
  await wallet.approvals.ask(session, {
    origin,
    kind: "watch-asset",
    chainId,
    details: {
      summary: `Add ${shownSymbol}${read.name ? ` (${read.name})` : ""} to your tokens on ${chain.name}`,
      warnings: [...tokenWarnings(chain, { symbol, decimals }, read), ...siteWarnings(origin)],
      token: {
        address,
        standard: read.hasCode && read.decimals !== undefined ? "erc20" : undefined,
        name: read.name,
        symbol: shownSymbol,
        decimals: shownDecimals,
      },
      image,
      balance,
    },
  });
  // Stored as the contract names itself when that fits the list; as the site said otherwise.
  const stored = {
    symbol: read.symbol && read.symbol.length <= 11 ? read.symbol : symbol,
    decimals: shownDecimals,
  };
  wallet.assets.add({ chainId, address, ...stored, image });
  return true;
};
