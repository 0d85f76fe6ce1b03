import { decodeFunctionResult, encodeFunctionData, erc20Abi, formatUnits, type Hex } from "viem";
import * as z from "zod";
import type { Amount, Warning } from "../../../../protocol/approvalDetails.js";
import { InvalidParamsError } from "../../../../protocol/errors.js";
import { siteWarnings } from "../../approvals/siteWarnings.js";
import type { Chain } from "../../stores/chains.js";
import { chainRequest } from "../../wallet/chainClient.js";
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

/** What the token's own contract says about itself; a field is missing where the call failed. */
interface OnChainToken {
  hasCode: boolean;
  name?: string;
  symbol?: string;
  decimals?: number;
  balance?: bigint;
}

type Erc20Read = "name" | "symbol" | "decimals" | "balanceOf";

async function readErc20(chain: Chain, token: Hex, fn: Erc20Read, args: readonly unknown[] = []) {
  const data = encodeFunctionData({ abi: erc20Abi, functionName: fn, args } as never);
  const result = (await chainRequest(chain, "eth_call", [{ to: token, data }, "latest"])) as Hex;
  return decodeFunctionResult({ abi: erc20Abi, functionName: fn, data: result } as never) as unknown;
}

/**
 * Reads the token from its contract on the site's chain: a page can claim any symbol for any
 * address, and the person should see what the contract itself answers. Each read may fail alone
 * (a token without `name()`, a node that is down): the window then shows what the site said.
 */
async function readToken(chain: Chain, token: Hex, account: string | undefined): Promise<OnChainToken> {
  const [code, name, symbol, decimals, balance] = await Promise.allSettled([
    chainRequest(chain, "eth_getCode", [token, "latest"]),
    readErc20(chain, token, "name"),
    readErc20(chain, token, "symbol"),
    readErc20(chain, token, "decimals"),
    account ? readErc20(chain, token, "balanceOf", [account]) : Promise.reject(new Error("no account")),
  ]);
  const text = (r: PromiseSettledResult<unknown>, max: number) =>
    r.status === "fulfilled" && typeof r.value === "string" && r.value.length <= max ? r.value : undefined;
  return {
    hasCode: code.status === "fulfilled" && typeof code.value === "string" && code.value.length > 2,
    name: text(name, 128),
    symbol: text(symbol, 32),
    decimals:
      decimals.status === "fulfilled" && typeof decimals.value === "number" && decimals.value <= 36
        ? decimals.value
        : undefined,
    balance: balance.status === "fulfilled" && typeof balance.value === "bigint" ? balance.value : undefined,
  };
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

/**
 * EIP-747: the user approves watching an ERC-20 token on the site's chain.
 * https://eips.ethereum.org/EIPS/eip-747 (params are an object, not an array).
 */
export const walletWatchAsset: Handler = async ({ origin, session, wallet }, params) => {
  const raw = params.length === 1 ? params[0] : undefined;
  const parsed = WatchAssetSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidParamsError(`Invalid params: ${parsed.error.issues[0]?.message}`);
  const chain = wallet.chainFor(origin);
  const chainId = chain.chainId;
  const { address, symbol, decimals, image } = parsed.data.options;
  const account = wallet.accountsFor(origin)[0] ?? wallet.selectedAddress();
  const read = await readToken(chain, address as Hex, account);
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
