import { el } from "../client.js";

/** A titled block of the window; `id` names it for the heading's screen-reader label. */
export function section(title: string, ...children: Array<Node | string>): HTMLElement {
  const id = `ap-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return el(
    "section",
    { class: "ap-section", "aria-labelledby": id },
    el("h2", { class: "ap-section-title", id }, title),
    ...children,
  );
}

/** A label and its value on one line (the value may be an element: an address, an amount). */
export function row(label: string, value: Node | string, attrs: Record<string, string> = {}): HTMLElement {
  return el(
    "div",
    { class: "ap-row", ...attrs },
    el("span", { class: "ap-row-label" }, label),
    el("span", { class: "ap-row-value" }, value),
  );
}

/** A list of rows in a bordered card. */
export function rows(...items: HTMLElement[]): HTMLElement {
  return el("div", { class: "ap-rows" }, ...items);
}

/** A collapsed block the person opens on purpose (the decoded call, raw data). */
export function disclosure(title: string, ...children: Array<Node | string>): HTMLDetailsElement {
  return el(
    "details",
    { class: "ap-details" },
    el("summary", {}, title),
    el("div", { class: "ap-details-body" }, ...children),
  ) as HTMLDetailsElement;
}

/** Raw data in monospace, wrapped, selectable. */
export function rawBlock(text: string, label: string): HTMLElement {
  return el("pre", { class: "ap-raw", tabindex: "0", "aria-label": label }, text);
}
