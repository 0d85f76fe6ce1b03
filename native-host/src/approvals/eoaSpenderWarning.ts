import type { NamedAddress, Warning } from "../../../protocol/approvalDetails.js";
import { shortAddress } from "./formatting.js";

/**
 * The `eoa-spender` danger, one text for a transaction's approval and a permit's signature: the
 * spender or operator has no code, so whoever holds its key takes the tokens; drainers are paid
 * this way. The address appears as the window shows addresses (`0x7099…79C8`, after the wallet's
 * name for it when there is one) and travels in full beside the text, for the window to show on
 * hover and to copy. `action` is what the person is about to do: approve or sign.
 */
export function eoaSpenderWarning(spender: NamedAddress, action: "approve" | "sign"): Warning {
  const short = shortAddress(spender.address);
  const who = spender.name ? `${spender.name} (${short})` : short;
  const what = action === "approve" ? "this approval" : "this signature";
  const verb = action === "approve" ? "Approve" : "Sign";
  const message = `${who} is an ordinary account, not a contract: whoever holds its key can take the tokens ${what} allows, at once. ${verb} only if you know who holds it.`;
  return { code: "eoa-spender", severity: "danger", message: message.slice(0, 512), address: spender };
}
