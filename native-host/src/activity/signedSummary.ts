import type { ApprovalDetails } from "../../../protocol/approvalDetails.js";

/** A quoted message is cut here: the activity row is one line, the message may be pages. */
const MAX_QUOTE = 80;

/**
 * The activity line for a `personal_sign`, from the details the approval window showed (its
 * Sign-In with Ethereum reading, its readable text): "Signed in to app.example", "Signed
 * “hello”", or "Signed a message" for bytes that are not text.
 */
export function signedMessageSummary(details: ApprovalDetails<"sign-message">): string {
  if (details.siwe) return `Signed in to ${details.siwe.domain}`;
  const text = details.message.text?.replace(/\s+/g, " ").trim();
  if (!text) return "Signed a message";
  return `Signed “${text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text}”`;
}

/**
 * The activity line for typed data, from the same details: a recognised permit in the words of
 * its summary ("Signed a permit to allow 0xabc…def to spend 100 FTK"), else the primary type and
 * the domain's name ("Signed Mail for Ether Mail").
 */
export function signedTypedDataSummary(details: ApprovalDetails<"sign-typed-data">): string {
  if (details.permit) return `Signed a permit to ${lowerFirst(details.summary)}`;
  if (details.version === "v1") return "Signed typed data";
  const name = details.domain.find((field) => field.name === "name")?.value;
  return `Signed ${details.primaryType}${name ? ` for ${name}` : ""}`;
}

/** "Allow …" → "allow …", to follow "Signed a permit to". */
function lowerFirst(line: string): string {
  return line.charAt(0).toLowerCase() + line.slice(1);
}
