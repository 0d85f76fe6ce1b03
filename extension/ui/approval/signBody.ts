import type { ApprovalDetails } from "../../../protocol/approvalDetails.js";
import { el } from "../client.js";
import { addressView } from "./address.js";
import { disclosure, rawBlock, row, rows, section } from "./layout.js";
import type { Body } from "./parsed.js";
import { permitView, siweView, typedFieldsView, unsignedView } from "./typedDataView.js";

/** `sign-message`: the message as text where it is readable, its SIWE fields when it is a sign-in. */
export function signMessageBody(details: ApprovalDetails<"sign-message">): Body {
  const parts: HTMLElement[] = [rows(row("Account", addressView(details.address, { avatar: true })))];
  if (details.siwe) parts.push(section("Sign-in request", siweView(details.siwe)));
  const text = details.message.text;
  parts.push(
    section(
      text !== undefined ? "Message" : "Message (not readable text; shown as hex)",
      el(
        "pre",
        { class: "ap-message", tabindex: "0", "data-testid": "message" },
        text ?? details.message.hex,
      ),
    ),
  );
  if (text !== undefined)
    parts.push(
      disclosure(
        "Details",
        el("p", { class: "ap-raw-title" }, "Raw data"),
        rawBlock(details.message.hex, "Message as hex"),
      ),
    );
  return { parts };
}

/**
 * `sign-typed-data`: a recognised permit first (who may take what, until when), then the
 * message's fields exactly as they are hashed; fields the types do not declare stand apart.
 */
export function signTypedDataBody(details: ApprovalDetails<"sign-typed-data">): Body {
  const parts: HTMLElement[] = [rows(row("Account", addressView(details.address, { avatar: true })))];
  if (details.permit) parts.push(section("Permission", permitView(details.permit)));
  if (details.unsigned.length > 0) parts.push(unsignedView(details.unsigned));
  const message = section(
    `Message · ${details.primaryType}`,
    details.message.length > 0 ? typedFieldsView(details.message) : el("p", { class: "muted" }, "No fields"),
  );
  const domain = [
    el("p", { class: "ap-raw-title" }, "Domain"),
    details.domain.length > 0
      ? typedFieldsView(details.domain)
      : el("p", { class: "muted" }, "No domain (typed data v1)"),
    el("p", { class: "ap-raw-title" }, `Encoding: eth_signTypedData_${details.version}`),
  ];
  // With a permit the summary and its card say what matters; the fields are there on request.
  if (details.permit) parts.push(disclosure("Details", message, ...domain));
  else parts.push(message, disclosure("Details", ...domain));
  return { parts };
}
