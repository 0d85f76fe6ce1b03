import type { Permit, Siwe, TypedField } from "../../../protocol/approvalDetails.js";
import { el } from "../client.js";
import { addressView } from "./address.js";
import { row, rows } from "./layout.js";

function leafValue(field: TypedField): Node | string {
  if (field.address) return addressView(field.address);
  if (field.amount) {
    return el(
      "span",
      { class: "num", title: field.amount.raw },
      field.amount.unlimited ? el("strong", {}, field.amount.formatted) : field.amount.formatted,
    );
  }
  if (field.deadline) return el("span", { title: field.deadline.raw }, field.deadline.formatted);
  return el("span", { class: "ap-arg-text" }, field.value ?? "");
}

/**
 * Typed data as it is hashed: the host walked `types` from the primary type, so every field here
 * is signed, in order; structs and arrays nest.
 */
export function typedFieldsView(fields: readonly TypedField[], depth = 0): HTMLElement {
  return el(
    "ul",
    { class: "ap-fields", role: depth === 0 ? "tree" : "group" },
    ...fields.map((field) =>
      el(
        "li",
        { class: "ap-field", role: "treeitem" },
        el(
          "div",
          { class: "ap-field-line" },
          el(
            "span",
            { class: "ap-field-name" },
            field.name,
            el("span", { class: "ap-arg-type" }, field.type),
          ),
          field.children ? "" : el("span", { class: "ap-field-value" }, leafValue(field)),
        ),
        ...(field.children && depth < 16 ? [typedFieldsView(field.children, depth + 1)] : []),
      ),
    ),
  );
}

/** Fields the request carries but its types do not declare: shown apart, never among the signed ones. */
export function unsignedView(unsigned: ReadonlyArray<{ path: string; value: string }>): HTMLElement {
  return el(
    "div",
    { class: "ap-unsigned", "data-testid": "approval-unsigned" },
    el(
      "p",
      { class: "ap-unsigned-title" },
      "Not part of the signature (the site added these; they are not signed)",
    ),
    el(
      "dl",
      { class: "ap-args" },
      ...unsigned.flatMap((f) => [
        el("dt", {}, f.path),
        el("dd", {}, el("span", { class: "ap-arg-text" }, f.value)),
      ]),
    ),
  );
}

const PERMIT_NAMES: Record<Permit["kind"], string> = {
  eip2612: "Token permit (EIP-2612)",
  dai: "DAI permit",
  "permit2-single": "Permit2 allowance",
  "permit2-batch": "Permit2 allowances",
  "permit2-transfer": "Permit2 transfer",
  "permit2-batch-transfer": "Permit2 transfers",
  "permit2-witness-transfer": "Permit2 transfer with witness",
};

/** A recognised permit: who may take what, until when. */
export function permitView(permit: Permit): HTMLElement {
  const items = permit.items.map((item) => {
    const token = item.token.name ?? item.token.symbol ?? "Token";
    return row(
      token,
      el(
        "span",
        { class: "ap-permit-amount" },
        el(
          "span",
          { class: "num", title: item.amount.raw },
          item.amount.unlimited ? el("strong", {}, item.amount.formatted) : item.amount.formatted,
        ),
        ...(item.expiration ? [el("span", { class: "ap-sub" }, `until ${item.expiration.formatted}`)] : []),
      ),
    );
  });
  return el(
    "div",
    { class: "ap-permit", "data-testid": "approval-permit", "data-kind": permit.kind },
    rows(
      row("Type", PERMIT_NAMES[permit.kind]),
      row("Spender", addressView(permit.spender)),
      ...items,
      ...(permit.deadline ? [row("Signature valid until", permit.deadline.formatted)] : []),
    ),
  );
}

/** The fields of an EIP-4361 (Sign-In with Ethereum) message, as the host parsed them. */
export function siweView(siwe: Siwe): HTMLElement {
  const optional = (label: string, value: string | undefined) =>
    value === undefined ? [] : [row(label, value)];
  return el(
    "div",
    { class: "ap-siwe", "data-testid": "approval-siwe" },
    rows(
      row("Website", `${siwe.scheme ? `${siwe.scheme}://` : ""}${siwe.domain}`, { "data-field": "domain" }),
      row("Account", addressView(siwe.address), { "data-field": "address" }),
      ...optional("Statement", siwe.statement),
      row("URI", siwe.uri, { "data-field": "uri" }),
      row("Chain ID", String(siwe.chainId), { "data-field": "chainId" }),
      row("Version", siwe.version),
      row("Nonce", siwe.nonce, { "data-field": "nonce" }),
      row("Issued at", siwe.issuedAt),
      ...optional("Expires", siwe.expirationTime),
      ...optional("Not before", siwe.notBefore),
      ...optional("Request ID", siwe.requestId),
      ...(siwe.resources && siwe.resources.length > 0 ? [row("Resources", siwe.resources.join("\n"))] : []),
    ),
  );
}
