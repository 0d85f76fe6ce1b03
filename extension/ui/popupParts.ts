import { el, UiCallError } from "./client.js";

/** A failure in words for the person: the host's message, or what to try when there is none. */
export function errorText(error: unknown): string {
  if (error instanceof UiCallError && error.code === 4900) return "The Vaughan host is not reachable.";
  if (error instanceof UiCallError || error instanceof Error) return error.message;
  return "Something went wrong; try again.";
}

/** Placeholder rows the size of the real ones, so the layout stays still while loading. */
export function skeletonRows(count: number): HTMLElement {
  const rows = Array.from({ length: count }, () =>
    el(
      "div",
      { class: "skeleton-row" },
      el("span", { class: "skeleton", style: "width: 32px; height: 32px; border-radius: 50%" }),
      el(
        "span",
        { class: "row-main" },
        el("span", { class: "skeleton", style: "width: 55%; height: 12px; margin-bottom: 6px" }),
        el("span", { class: "skeleton", style: "width: 35%; height: 10px" }),
      ),
      el("span", { class: "skeleton", style: "width: 56px; height: 12px" }),
    ),
  );
  return el("div", { "aria-busy": "true", "aria-label": "Loading" }, ...rows);
}

/** An empty state: what is missing, and what to do about it. */
export function emptyState(title: string, body: string, testId: string): HTMLElement {
  return el(
    "div",
    { class: "empty", "data-testid": testId },
    el("p", { class: "empty-title" }, title),
    el("p", {}, body),
  );
}

/**
 * An address as `.addr`: the element's text is the full address (for copy, screen readers and
 * tests); CSS hides the middle.
 */
export function addressText(address: string, attrs: Record<string, string> = {}): HTMLElement {
  return el(
    "span",
    { class: "addr", title: address, ...attrs },
    el("span", { class: "addr-head" }, address.slice(0, 6)),
    el("span", { class: "addr-mid" }, address.slice(6, -4)),
    el("span", { class: "addr-tail" }, address.slice(-4)),
  );
}

/** A round badge with a letter (a token's or site's initial): nothing is fetched for it. */
export function initialBadge(text: string): HTMLElement {
  const letter = (text.replace(/^https?:\/\/(www\.)?/, "")[0] ?? "?").toUpperCase();
  return el("span", { class: "row-icon", "aria-hidden": "true" }, letter);
}
