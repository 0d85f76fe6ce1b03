import { type Hex, hashTypedData } from "viem";
import { InvalidParamsError } from "../../../../protocol/errors.js";
import { parseJson } from "../../../../protocol/json.js";
import { type TypedData, TypedDataSchema } from "../../../../protocol/rpc/signTypedData.js";
import { recordSignature } from "../../activity/recordActivity.js";
import { signedTypedDataSummary } from "../../activity/signedSummary.js";
import { accountNames } from "../../approvals/accountNames.js";
import { chainReads } from "../../approvals/chainReads.js";
import { signTypedDataDetails } from "../../approvals/signTypedDataDetails.js";
import type { Handler } from "../Handler.js";
import { lowercaseAddresses } from "./lowercaseAddresses.js";
import { requirePermitted, signDigest } from "./signer.js";

/** Typed data sent as a JSON string: bad JSON there is bad params (-32602), not a bad request. */
export function parseTypedDataJson(text: string): unknown {
  try {
    return parseJson(text);
  } catch {
    throw new InvalidParamsError("Invalid typed data: not JSON");
  }
}

/** The typed data, shape-checked, from a JSON string or an object. */
function parseTypedData(raw: string | Record<string, unknown>): TypedData {
  const parsed = TypedDataSchema.safeParse(typeof raw === "string" ? parseTypedDataJson(raw) : raw);
  if (!parsed.success) throw new InvalidParamsError(`Invalid typed data: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** The encodings MetaMask signs with: v3 has no arrays, v4 has them. */
type Version = "v3" | "v4";

/**
 * The digest MetaMask signs for this typed data (its eth-sig-util `eip712Hash`): the domain
 * holds exactly the fields `EIP712Domain` declares, and none when it is not declared at all
 * (viem would derive them from the domain object, a different digest). viem encodes every
 * value strictly, so data no contract would take (a uint given as "-1", a missing field) is
 * refused before the user is asked rather than signed leniently; an address is taken in any case,
 * as eth-sig-util takes it.
 * The tests check each shape dApps send against eth-sig-util's own recovery.
 * https://eips.ethereum.org/EIPS/eip-712 · https://github.com/MetaMask/eth-sig-util
 */
export function typedDataDigest(typedData: TypedData, version: Version): Hex {
  const { EIP712Domain = [], ...types } = typedData.types;
  if (version === "v3" && Object.values(types).some((fields) => fields.some((f) => f.type.includes("[")))) {
    throw new InvalidParamsError("Invalid typed data: arrays need eth_signTypedData_v4");
  }
  try {
    const all = { EIP712Domain, ...types };
    return hashTypedData({
      domain: lowercaseAddresses(all, "EIP712Domain", typedData.domain),
      types: all,
      primaryType: typedData.primaryType,
      message: lowercaseAddresses(all, typedData.primaryType, typedData.message),
    } as never);
  } catch (error) {
    throw new InvalidParamsError(`Invalid typed data: ${(error as Error).message.split("\n")[0]}`);
  }
}

/**
 * `eth_signTypedData_v3` and `_v4`: `[address, typedData]`. The domain's chainId, when given,
 * must be the site's chain, and the data must hash before the user is ever asked: the window
 * then shows the fields walked from the same types that were hashed.
 */
function signTypedDataAs(version: Version): Handler<"eth_signTypedData_v3" | "eth_signTypedData_v4"> {
  return async (ctx, [address, raw]) => {
    const from = requirePermitted(ctx, address);
    const typedData = parseTypedData(raw);
    const { origin, session, wallet } = ctx;
    const chainId = wallet.chainIdFor(origin);
    const { domain } = typedData;
    if (domain.chainId !== undefined && Number(domain.chainId) !== chainId) {
      throw new InvalidParamsError(
        `Invalid typed data: domain.chainId ${domain.chainId} does not match the site's chain ${chainId}`,
      );
    }
    const digest = typedDataDigest(typedData, version);
    const chain = wallet.chains.get(chainId);
    const details = await signTypedDataDetails(
      typedData,
      version,
      from,
      accountNames(wallet),
      chain && chainReads(chain),
    );
    await wallet.approvals.ask(session, { origin, kind: "sign-typed-data", chainId, details });
    const signature = await signDigest(ctx, from, digest);
    recordSignature(wallet, { chainId, account: from, origin, summary: signedTypedDataSummary(details) });
    return signature;
  };
}

/** EIP-712 typed data, v3 encoding (no arrays). https://eips.ethereum.org/EIPS/eip-712 */
export const signTypedDataV3: Handler<"eth_signTypedData_v3"> = signTypedDataAs("v3");
/** EIP-712 typed data, v4 encoding (arrays and recursive structs). */
export const signTypedDataV4: Handler<"eth_signTypedData_v4"> = signTypedDataAs("v4");
