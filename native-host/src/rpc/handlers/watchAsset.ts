import {
  type Address,
  decodeFunctionResult,
  encodeFunctionData,
  erc20Abi,
  formatUnits,
  type Hex,
  parseAbi,
} from "viem";
import type { Amount, Warning } from "../../../../protocol/approvalDetails.js";
import { InvalidParamsError, UnauthorizedError } from "../../../../protocol/errors.js";
import { siteWarnings } from "../../approvals/siteWarnings.js";
import { tokenInfo } from "../../approvals/tokenInfo.js";
import type { Chain } from "../../stores/chains.js";
import { chainRequest } from "../../wallet/chainClient.js";
import type { Handler } from "../Handler.js";

/** What the token's own contract says about itself; a field is missing where the call failed. */
interface OnChainToken {
  hasCode: boolean;
  name?: string;
  symbol?: string;
  decimals?: number;
  balance?: bigint;
}

async function balanceOf(chain: Chain, token: Hex, account: string): Promise<bigint> {
  const data = encodeFunctionData({ abi: erc20Abi, functionName: "balanceOf", args: [account as Address] });
  const result = (await chainRequest(chain, "eth_call", [{ to: token, data }, "latest"])) as Hex;
  return decodeFunctionResult({ abi: erc20Abi, functionName: "balanceOf", data: result });
}

/**
 * Reads the token from its contract on the site's chain (tokenInfo, cached per chain): a page can
 * claim any symbol for any address, and the person should see what the contract itself answers.
 * Each read may fail alone (a token without `name()`, a node that is down): the window then
 * shows what the site said.
 */
async function readToken(chain: Chain, token: Hex, account: string | undefined): Promise<OnChainToken> {
  const [info, balance] = await Promise.all([
    tokenInfo(chain, token).catch(() => undefined),
    account ? balanceOf(chain, token, account).catch(() => undefined) : undefined,
  ]);
  // The wallet's token list holds at most 36 decimals, as MetaMask's does.
  const decimals = info?.decimals !== undefined && info.decimals <= 36 ? info.decimals : undefined;
  return { hasCode: info?.hasCode ?? false, name: info?.name, symbol: info?.symbol, decimals, balance };
}

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

const NFT_ABI = parseAbi([
  "function ownerOf(uint256 tokenId) view returns (address)",
  "function balanceOf(address owner, uint256 id) view returns (uint256)",
]);

/** What the chain says: does `owner` hold the NFT? A call that fails (not such a contract) says no. */
async function holds(
  chain: Chain,
  standard: "ERC721" | "ERC1155",
  token: Address,
  id: bigint,
  owner: string,
) {
  const call = async (data: Hex) =>
    (await chainRequest(chain, "eth_call", [{ to: token, data }, "latest"])) as Hex;
  try {
    if (standard === "ERC721") {
      const data = encodeFunctionData({ abi: NFT_ABI, functionName: "ownerOf", args: [id] });
      const holder = decodeFunctionResult({ abi: NFT_ABI, functionName: "ownerOf", data: await call(data) });
      return holder.toLowerCase() === owner.toLowerCase();
    }
    const data = encodeFunctionData({
      abi: NFT_ABI,
      functionName: "balanceOf",
      args: [owner as Address, id],
    });
    return decodeFunctionResult({ abi: NFT_ABI, functionName: "balanceOf", data: await call(data) }) > 0n;
  } catch {
    return false;
  }
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
    if (!(await holds(chain, request.type, address, BigInt(tokenId), owner))) {
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
  const read = await readToken(chain, address, account);
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
