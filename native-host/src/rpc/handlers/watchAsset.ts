import * as z from "zod";
import { InvalidParamsError } from "../../../../protocol/errors.js";
import type { Handler } from "../Handler.js";
import { AddressSchema } from "../params.js";

const WatchAssetSchema = z
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

/**
 * EIP-747: the user approves watching an ERC-20 token on the site's chain.
 * https://eips.ethereum.org/EIPS/eip-747 (params are an object, not an array).
 */
export const walletWatchAsset: Handler = async ({ origin, session, wallet }, params) => {
  const raw = params.length === 1 ? params[0] : undefined;
  const parsed = WatchAssetSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidParamsError(`Invalid params: ${parsed.error.issues[0]?.message}`);
  const chainId = wallet.chainIdFor(origin);
  const { address, symbol, decimals, image } = parsed.data.options;
  await wallet.approvals.ask(session, { origin, kind: "watch-asset", chainId, details: parsed.data.options });
  wallet.assets.add({ chainId, address, symbol, decimals, image });
  return true;
};
