import type {
  Amount,
  Deadline,
  NamedAddress,
  Permit,
  TokenRef,
  TypedField,
  Warning,
} from "../../../protocol/approvalDetails.js";
import { displayName, type NameOf, namedAddress } from "./accountNames.js";
import type { ChainReads } from "./chainReads.js";
import { deadlineOf, hasPassed } from "./deadline.js";
import { eoaSpenderWarning } from "./eoaSpenderWarning.js";
import { warning } from "./signatureWarnings.js";
import { MAX_UINT160, MAX_UINT256, tokenAmount, tokenLabel } from "./tokenAmount.js";
import { addressOf, fieldAt, type TypedDataInput, type TypedDataView } from "./typedDataView.js";

/** Uniswap's Permit2, at the same address on every chain it is deployed to. https://github.com/Uniswap/permit2 */
export const PERMIT2_ADDRESS = "0x000000000022D473030F116dDEE9F6B43aC78BA3";

type Fields = ReadonlyArray<{ name: string; type: string }>;

/** The struct declares at least these fields with these types (a witness may add more). */
function declares(fields: Fields | undefined, wanted: Record<string, string>): boolean {
  if (!fields) return false;
  return Object.entries(wanted).every(([name, type]) =>
    fields.some((f) => f.name === name && f.type === type),
  );
}

const EIP2612 = {
  owner: "address",
  spender: "address",
  value: "uint256",
  nonce: "uint256",
  deadline: "uint256",
};
const DAI = { holder: "address", spender: "address", nonce: "uint256", expiry: "uint256", allowed: "bool" };
const PERMIT_DETAILS = { token: "address", amount: "uint160", expiration: "uint48", nonce: "uint48" };
const TOKEN_PERMISSIONS = { token: "address", amount: "uint256" };

/** Which permit the typed data is, read from its declared types only (what is signed). */
export function permitKind(typedData: TypedDataInput): Permit["kind"] | undefined {
  const { types, primaryType } = typedData;
  const primary = types[primaryType];
  const verifyingContract = types.EIP712Domain?.some((f) => f.name === "verifyingContract");
  if (primaryType === "Permit" && verifyingContract) {
    if (declares(primary, EIP2612)) return "eip2612";
    if (declares(primary, DAI)) return "dai";
  }
  const details = (type: string) =>
    declares(primary, { details: type, spender: "address", sigDeadline: "uint256" }) &&
    declares(types.PermitDetails, PERMIT_DETAILS);
  const permitted = (type: string) =>
    declares(primary, { permitted: type, spender: "address", nonce: "uint256", deadline: "uint256" }) &&
    declares(types.TokenPermissions, TOKEN_PERMISSIONS);
  if (primaryType === "PermitSingle" && details("PermitDetails")) return "permit2-single";
  if (primaryType === "PermitBatch" && details("PermitDetails[]")) return "permit2-batch";
  if (primaryType === "PermitTransferFrom" && permitted("TokenPermissions")) return "permit2-transfer";
  if (primaryType === "PermitWitnessTransferFrom" && permitted("TokenPermissions"))
    return "permit2-witness-transfer";
  if (
    (primaryType === "PermitBatchTransferFrom" || primaryType === "PermitBatchWitnessTransferFrom") &&
    permitted("TokenPermissions[]")
  )
    return "permit2-batch-transfer";
  return undefined;
}

/** A permit as a person reads it, the warnings it brings, and its one-line summary. */
export interface PermitReading {
  permit: Permit;
  warnings: Warning[];
  summary: string;
}

const integer = (field: TypedField | undefined): bigint => BigInt(field?.value ?? "0");

interface Item {
  token: TokenRef;
  amount: Amount;
  expiration?: Deadline;
}

/** One token and amount at `at` (a struct with `token` and `amount`), annotating the amount field. */
async function itemAt(
  at: TypedField | undefined,
  fieldMax: bigint,
  reads: ChainReads,
  expirationZero?: string,
): Promise<Item | undefined> {
  const fields = at?.children ?? [];
  const address = addressOf(fieldAt(fields, ["token"])?.value);
  const amountField = fieldAt(fields, ["amount"]);
  if (!address || !amountField) return undefined;
  const token = await reads.token(address);
  const amount = tokenAmount(integer(amountField), token, fieldMax);
  amountField.amount = amount;
  const item: Item = { token, amount };
  const expirationField = fieldAt(fields, ["expiration"]);
  if (expirationField && expirationZero !== undefined) {
    item.expiration = deadlineOf(integer(expirationField), expirationZero);
    expirationField.deadline = item.expiration;
  }
  return item;
}

function annotateDeadline(field: TypedField | undefined, zero?: string): Deadline | undefined {
  if (!field) return undefined;
  field.deadline = deadlineOf(integer(field), zero);
  return field.deadline;
}

/** Permit2's `expiration` of 0: the allowance lasts only for the block the permit is used in. */
const THIS_BLOCK = "the block it is used in";

/** The tokens and amounts a recognised permit moves, read from the walked (signed) fields. */
async function readItems(
  kind: Permit["kind"],
  view: TypedDataView,
  typedData: TypedDataInput,
  reads: ChainReads,
): Promise<{ items: Item[]; deadline?: Deadline } | undefined> {
  const message = view.message;
  switch (kind) {
    case "eip2612":
    case "dai": {
      const address = addressOf(typedData.domain.verifyingContract);
      if (!address) return undefined;
      const token = await reads.token(address);
      if (kind === "eip2612") {
        const valueField = fieldAt(message, ["value"]);
        const amount = tokenAmount(integer(valueField), token, MAX_UINT256);
        if (valueField) valueField.amount = amount;
        return { items: [{ token, amount }], deadline: annotateDeadline(fieldAt(message, ["deadline"])) };
      }
      // DAI's permit is all or nothing: `allowed` true is an unlimited allowance, false takes it back.
      const allowed = fieldAt(message, ["allowed"])?.value === "true";
      const amount: Amount = allowed
        ? { raw: MAX_UINT256.toString(10), formatted: `unlimited ${tokenLabel(token)}`, unlimited: true }
        : { raw: "0", formatted: `0 ${tokenLabel(token)}` };
      return {
        items: [{ token, amount }],
        // DAI's expiry 0 means the permit never expires.
        deadline: annotateDeadline(fieldAt(message, ["expiry"]), "never"),
      };
    }
    case "permit2-single":
    case "permit2-batch": {
      const details = fieldAt(message, ["details"]);
      const structs = kind === "permit2-single" ? [details] : (details?.children ?? []);
      const items = await Promise.all(structs.map((s) => itemAt(s, MAX_UINT160, reads, THIS_BLOCK)));
      return {
        items: items.filter((i): i is Item => i !== undefined),
        deadline: annotateDeadline(fieldAt(message, ["sigDeadline"])),
      };
    }
    default: {
      const permitted = fieldAt(message, ["permitted"]);
      const structs = kind === "permit2-batch-transfer" ? (permitted?.children ?? []) : [permitted];
      const items = await Promise.all(structs.map((s) => itemAt(s, MAX_UINT256, reads)));
      return {
        items: items.filter((i): i is Item => i !== undefined),
        deadline: annotateDeadline(fieldAt(message, ["deadline"])),
      };
    }
  }
}

/** "1 FTK, 2 USDC and 3 more tokens": a summary stays one line. */
function amountsText(items: readonly Item[]): string {
  const shown = items.slice(0, 2).map((i) => i.amount.formatted);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(", ")} and ${rest} more token${rest === 1 ? "" : "s"}`;
  return shown.length === 2 ? `${shown[0]} and ${shown[1]}` : (shown[0] ?? "tokens");
}

function summaryOf(kind: Permit["kind"], spender: NamedAddress, items: readonly Item[], deadline?: Deadline) {
  const who = displayName(spender);
  const amounts = amountsText(items);
  switch (kind) {
    case "eip2612":
      return `Allow ${who} to spend ${amounts}`;
    case "dai":
      return items[0]?.amount.unlimited
        ? `Allow ${who} to spend ${amounts}`
        : `Take back ${who}'s permission to spend ${items[0] ? tokenLabel(items[0].token) : "tokens"}`;
    case "permit2-single":
    case "permit2-batch": {
      const until = items[0]?.expiration?.formatted;
      return until ? `Allow ${who} to spend ${amounts} until ${until}` : `Allow ${who} to spend ${amounts}`;
    }
    default:
      return `Allow ${who} to take ${amounts} once, until ${deadline?.formatted ?? "never"}`;
  }
}

/**
 * A recognised permit (EIP-2612, DAI, Permit2's allowance and transfer shapes) read from the
 * fields as hashed: who may take which tokens, how much (in each token's decimals, read from
 * the chain), until when. Every permit is a `permit` caution; an allowance from 2^255 or at the
 * field's maximum is `unlimited-approval`; a spender without code (anyone's key can use it) is
 * `eoa-spender`, a danger; a deadline already past is a caution. The amount and deadline fields
 * of `view` are annotated in place for the window.
 * https://eips.ethereum.org/EIPS/eip-2612 · https://github.com/Uniswap/permit2
 */
export async function readPermit(
  typedData: TypedDataInput,
  view: TypedDataView,
  reads: ChainReads,
  nameOf: NameOf,
): Promise<PermitReading | undefined> {
  const kind = permitKind(typedData);
  if (!kind) return undefined;
  const spenderAddress = addressOf(fieldAt(view.message, ["spender"])?.value);
  if (!spenderAddress) return undefined;
  const read = await readItems(kind, view, typedData, reads);
  if (!read) return undefined;
  const spender = namedAddress(spenderAddress, nameOf);
  const { items, deadline } = read;
  const who = displayName(spender);
  const warnings: Warning[] = [
    warning(
      "permit",
      "caution",
      `This signature lets ${who} move your tokens later without asking you again: sign it only for a site you trust.`,
    ),
  ];
  const unlimited = items.filter((i) => i.amount.unlimited);
  if (unlimited.length > 0) {
    warnings.push(
      warning(
        "unlimited-approval",
        "caution",
        `${who} may take all your ${unlimited.map((i) => tokenLabel(i.token)).join(", ")}, now and whatever you receive later.`,
      ),
    );
  }
  const hasCode = await reads.hasCode(spender.address);
  if (hasCode === false) {
    warnings.push(eoaSpenderWarning(spender, "sign"));
  } else if (hasCode === undefined) {
    warnings.push(
      warning(
        "spender-unchecked",
        "caution",
        "The chain could not be asked whether the spender is a contract or a plain account.",
      ),
    );
  }
  const now = reads.now();
  if (deadline && hasPassed(deadline, now)) {
    warnings.push(
      warning(
        "deadline-passed",
        "caution",
        `This permit's deadline (${deadline.formatted}) has already passed.`,
      ),
    );
  } else if (items.some((i) => i.expiration && hasPassed(i.expiration, now))) {
    warnings.push(warning("deadline-passed", "caution", "This permission's expiration has already passed."));
  }
  const permit: Permit = {
    kind,
    spender,
    items: items.slice(0, 64).map((i) => (i.expiration ? i : { token: i.token, amount: i.amount })),
  };
  if (deadline) permit.deadline = deadline;
  return { permit, warnings, summary: summaryOf(kind, spender, items, deadline) };
}
