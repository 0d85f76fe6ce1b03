import { concat, encodePacked, type Hex, keccak256, stringToHex } from "viem";
import { InvalidParamsError } from "../../../../protocol/errors.js";
import { TypedDataV1Schema } from "../../../../protocol/rpc/signTypedData.js";
import { recordSignature } from "../../activity/recordActivity.js";
import { signedTypedDataSummary } from "../../activity/signedSummary.js";
import { accountNames } from "../../approvals/accountNames.js";
import { signTypedDataV1Details } from "../../approvals/signTypedDataDetails.js";
import type { Handler } from "../Handler.js";
import { requirePermitted, signDigest } from "./signer.js";
import { parseTypedDataJson } from "./signTypedData.js";

/**
 * The draft's digest as eth-sig-util's `typedSignatureHash` computes it:
 * keccak(keccak("type name"…, packed) ‖ keccak(values, packed)).
 */
export function typedDataV1Digest(
  entries: ReadonlyArray<{ type: string; name: string; value: unknown }>,
): Hex {
  const schema = keccak256(concat(entries.map((e) => stringToHex(`${e.type} ${e.name}`))));
  const values = keccak256(
    encodePacked(
      entries.map((e) => e.type),
      entries.map((e) => e.value),
    ),
  );
  return keccak256(concat([schema, values]));
}

/**
 * `eth_signTypedData` (v1, the pre-EIP-712 draft): `[[{ type, name, value }…], address]`, hashed
 * as MetaMask's eth-sig-util hashes it.
 * https://github.com/MetaMask/eth-sig-util (typedSignatureHash)
 */
export const signTypedDataV1: Handler<"eth_signTypedData"> = async (ctx, [raw, address]) => {
  const from = requirePermitted(ctx, address);
  const parsed = TypedDataV1Schema.safeParse(typeof raw === "string" ? parseTypedDataJson(raw) : raw);
  if (!parsed.success) throw new InvalidParamsError(`Invalid typed data: ${parsed.error.issues[0]?.message}`);
  const entries = parsed.data;
  let digest: Hex;
  try {
    digest = typedDataV1Digest(entries);
  } catch (error) {
    throw new InvalidParamsError(`Invalid typed data: ${(error as Error).message.split("\n")[0]}`);
  }
  const { origin, session, wallet } = ctx;
  const details = signTypedDataV1Details(entries, from, accountNames(wallet));
  await wallet.approvals.ask(session, {
    origin,
    kind: "sign-typed-data",
    chainId: wallet.chainIdFor(origin),
    details,
  });
  const signature = await signDigest(ctx, from, digest);
  recordSignature(wallet, {
    chainId: wallet.chainIdFor(origin),
    account: from,
    origin,
    summary: signedTypedDataSummary(details),
  });
  return signature;
};
