import { formatUnits } from "viem";
import * as z from "zod";
import type { Amount, Warning } from "../../../../protocol/approvalDetails.js";
import { InvalidParamsError, UnauthorizedError } from "../../../../protocol/errors.js";
import { siteWarnings } from "../../approvals/siteWarnings.js";
import { holdsNft, MAX_TOKEN_DECIMALS, type OnChainToken, readErc20 } from "../../approvals/tokenHoldings.js";
import type { Chain } from "../../stores/chains.js";
import type { Handler } from "../Handler.js";
import { AddressSchema } from "../params.js";

const Erc20Schema = z
  .object({
    type: z.literal("ERC20"),
    options: z
      .object({
        address: AddressSchema,
        symbol: z.string().min(1).max(11),
        // MetaMask takes decimals as a number or a decimal string ("18", as some dApps send it).
        decimals: z
          .union([
            z.number(),
            z
              .string()
              .regex(/^\d{1,2}$/, "invalid decimals")
              .transform(Number),
          ])
          .pipe(z.number().int().min(0).max(MAX_TOKEN_DECIMALS)),
        image: z.string().max(2048).optional(),
      })
      .strict(),
  })
  .strict();

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

/** MetaMask's NFT form: the contract and a token id as a decimal string. */
const NftSchema = z
  .object({
    type: z.enum(["ERC721", "ERC1155"]),
    options: z
      .object({
        address: AddressSchema,
        tokenId: z.string().regex(/^\d{1,78}$/, "tokenId must be a decimal string"),
        image: z.string().max(2048).optional(),
        name: z.string().max(128).optional(),
        symbol: z.string().max(32).optional(),
      })
      .strict(),
  })
  .strict();

const WatchAssetSchema = z.discriminatedUnion("type", [Erc20Schema, NftSchema]);

/**
 * EIP-747: the user approves watching a token on the site's chain: an ERC-20, or (as MetaMask
 * accepts) an ERC-721 or ERC-1155 token id, which the selected account must own on that chain
 * before anyone is asked. https://eips.ethereum.org/EIPS/eip-747 (params are an object, not an
 * array).
 */
export const walletWatchAsset: Handler = async ({ origin, session, wallet }, params) => {
  const raw = params.length === 1 ? params[0] : undefined;
  const parsed = WatchAssetSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidParamsError(`Invalid params: ${parsed.error.issues[0]?.message}`);
  const chain = wallet.chainFor(origin);
  const chainId = chain.chainId;
  const request = parsed.data;
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
