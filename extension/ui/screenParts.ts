import { el, UiCallError } from "./client.js";

/** Small pieces the options page's screens share: a command to copy, an address, an error line. */

/** The message of a failed call, in the host's words; never a stack. */
export function messageOf(e: unknown): string {
  return e instanceof UiCallError || e instanceof Error ? e.message : "Something went wrong";
}

/** A CLI command with a copy button (secrets never pass through the browser: the CLI does it). */
export function commandLine(command: string, testId?: string): HTMLElement {
  const copy = el(
    "button",
    { type: "button", class: "btn btn-ghost btn-sm", "aria-label": `Copy: ${command}` },
    "Copy",
  );
  copy.addEventListener("click", () => {
    void navigator.clipboard.writeText(command).then(
      () => {
        copy.textContent = "Copied";
      },
      () => {
        copy.textContent = "Select and copy";
      },
    );
  });
  return el(
    "div",
    { class: "code-line", ...(testId ? { "data-testid": testId } : {}) },
    el("code", {}, command),
    copy,
  );
}

/** An address whose text is the full address; CSS shows 0x1234…abcd. */
export function addressText(address: string, testId?: string): HTMLElement {
  return el(
    "span",
    { class: "addr", title: address, ...(testId ? { "data-testid": testId } : {}) },
    el("span", { class: "addr-head" }, address.slice(0, 6)),
    el("span", { class: "addr-mid" }, address.slice(6, -4)),
    el("span", { class: "addr-tail" }, address.slice(-4)),
  );
}

/** A status line for an action's outcome (role=status, so screen readers hear it). */
export function statusLine(testId: string): HTMLElement {
  return el("p", { class: "hint", role: "status", "data-testid": testId });
}

export function field(label: string, input: HTMLElement, hint?: string): HTMLElement {
  const id = input.id || `f-${Math.random().toString(36).slice(2, 8)}`;
  input.id = id;
  return el(
    "div",
    { class: "field" },
    el("label", { for: id }, label),
    input,
    ...(hint ? [el("p", { class: "hint" }, hint)] : []),
  );
}

export function input(attrs: Record<string, string>): HTMLInputElement {
  return el("input", { class: "input", autocomplete: "off", ...attrs }) as HTMLInputElement;
}
