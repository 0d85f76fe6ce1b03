import type { ApprovalDetails, Warning } from "../../../protocol/approvalDetails.js";
import { displayName, type NameOf, namedAddress } from "./accountNames.js";
import type { ChainReads } from "./chainReads.js";
import { readPermit } from "./permit.js";
import { bySeverity, warning } from "./signatureWarnings.js";
import {
  clip,
  fieldAt,
  type TypedDataInput,
  type TypedDataView,
  typedDataV1View,
  typedDataView,
} from "./typedDataView.js";

type Details = ApprovalDetails<"sign-typed-data">;

/** Fields that are not signed are named in the warning, as many as a sentence holds. */
function unsignedWarning(view: TypedDataView): Warning[] {
  if (view.unsigned.length === 0) return [];
  const paths = clip(view.unsigned.map((u) => u.path).join(", "), 300);
  return [
    warning(
      "unsigned-fields",
      "caution",
      `This request carries fields its types do not declare, so they are not part of what you sign: ${paths}. Do not trust what they say.`,
    ),
  ];
}

/**
 * What the window shows for `eth_signTypedData_v3`/`_v4`: the fields exactly as hashed, the
 * undeclared ones apart with an `unsigned-fields` warning, and for a recognised permit who may
 * take what until when (read from the site's chain when `reads` is given).
 */
export async function signTypedDataDetails(
  typedData: TypedDataInput,
  version: "v3" | "v4",
  signer: string,
  nameOf: NameOf,
  reads: ChainReads | undefined,
): Promise<Details> {
  const address = namedAddress(signer, nameOf);
  const view = typedDataView(typedData, nameOf);
  const permit = reads ? await readPermit(typedData, view, reads, nameOf) : undefined;
  const name = fieldAt(view.domain, ["name"])?.value;
  const details: Details = {
    summary: clip(
      permit?.summary ??
        `Sign ${typedData.primaryType}${name ? ` for ${name}` : ""} as ${displayName(address)}`,
      512,
    ),
    warnings: bySeverity([...(permit?.warnings ?? []), ...unsignedWarning(view)]),
    address,
    version,
    primaryType: clip(typedData.primaryType, 256),
    ...view,
  };
  if (permit) details.permit = permit.permit;
  return details;
}

/** The draft v1: every field is signed, and there is no domain. */
export function signTypedDataV1Details(
  entries: ReadonlyArray<{ type: string; name: string; value: unknown }>,
  signer: string,
  nameOf: NameOf,
): Details {
  const address = namedAddress(signer, nameOf);
  return {
    summary: `Sign typed data as ${displayName(address)}`,
    warnings: [],
    address,
    version: "v1",
    primaryType: "Typed data (v1)",
    ...typedDataV1View(entries, nameOf),
  };
}
