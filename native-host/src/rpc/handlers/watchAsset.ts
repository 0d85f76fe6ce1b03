import { type Address, decodeFunctionResult, encodeFunctionData, type Hex, parseAbi } from "viem";
import * as z from "zod";
import { InvalidParamsError, UnauthorizedError } from "../../../../protocol/errors.js";
import { AssetStore } from "../../stores/assets.js";
import type { Chain } from "../../stores/chains.js";
import { chainRequest } from "../../wallet/chainClient.js";
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
          .pipe(z.number().int().min(0).max(36)),
        image: z.string().max(2048).optional(),
      })
      .strict(),
  })
  .strict();

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
 * before anyone is asked. https://eips.ethereum.org/EIPS/eip-747 (params are an object, not an
 * array).
 */
export const walletWatchAsset: Handler = async ({ origin, session, wallet }, params) => {
  const raw = params.length === 1 ? params[0] : undefined;
  const parsed = WatchAssetSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidParamsError(`Invalid params: ${parsed.error.issues[0]?.message}`);
  const chainId = wallet.chainIdFor(origin);
  const request = parsed.data;
  if (request.type === "ERC20") {
    const { address, symbol, decimals, image } = request.options;
    await wallet.approvals.ask(session, { origin, kind: "watch-asset", chainId, details: request.options });
    new AssetStore(wallet.home).add({ chainId, address, symbol, decimals, image });
    return true;
  }
  const { address, tokenId } = request.options;
  const owner = wallet.selectedAddress();
  if (!owner) throw new UnauthorizedError("No wallet yet: create one with `vaughan-host init`");
  if (!(await holds(wallet.chainFor(origin), request.type, address, BigInt(tokenId), owner))) {
    throw new InvalidParamsError("Suggested NFT is not owned by the selected account");
  }
  await wallet.approvals.ask(session, {
    origin,
    kind: "watch-asset",
    chainId,
    // An NFT has no decimals; the name shown is the standard and the id.
    details: {
      ...request.options,
      standard: request.type,
      symbol: `${request.type} #${tokenId}`,
      decimals: 0,
    },
  });
  new AssetStore(wallet.home).addNft({ chainId, address, standard: request.type, tokenId });
  return true;
};
