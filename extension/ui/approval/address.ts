import type { NamedAddress } from "../../../protocol/approvalDetails.js";
import { el } from "../client.js";
import { icon } from "../icons.js";
import { identicon } from "../identicon.js";

/** 0x1234…abcd: what a person compares at a glance; the full value is the element's text. */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/**
 * An address as the window shows it: its name where the wallet knows one, the short form on
 * screen with the whole address as the element's text and on hover, and a copy button.
 */
export function addressView(value: NamedAddress | string, options: { avatar?: boolean } = {}): HTMLElement {
  const { address, name } = typeof value === "string" ? { address: value, name: undefined } : value;
  const text = el(
    "span",
    { class: "addr", title: address },
    el("span", { class: "addr-head" }, address.slice(0, 6)),
    el("span", { class: "addr-mid" }, address.slice(6, -4)),
    el("span", { class: "addr-tail" }, address.slice(-4)),
  );
  const copy = el("button", {
    type: "button",
    class: "icon-btn ap-copy",
    "aria-label": `Copy address ${address}`,
    title: "Copy address",
  });
  copy.append(icon("copy", 14));
  copy.addEventListener("click", () => {
    void navigator.clipboard.writeText(address).then(() => {
      copy.replaceChildren(icon("check", 14));
      copy.setAttribute("title", "Copied");
      setTimeout(() => {
        copy.replaceChildren(icon("copy", 14));
        copy.setAttribute("title", "Copy address");
      }, 1500);
    });
  });
  const parts: Array<Node> = [];
  if (options.avatar) parts.push(identicon(address, 20));
  if (name) parts.push(el("span", { class: "ap-addr-name" }, name));
  parts.push(text, copy);
  return el("span", { class: "ap-address", "data-address": address.toLowerCase() }, ...parts);
}
