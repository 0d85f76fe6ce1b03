import type { Warning, WarningSeverity } from "../../../protocol/approvalDetails.js";
import { el } from "../client.js";
import { icon } from "../icons.js";
import { addressView, shortAddress } from "./address.js";
import type { Arming } from "./arming.js";

const RANK: Record<WarningSeverity, number> = { danger: 0, caution: 1, info: 2 };
const SPOKEN: Record<WarningSeverity, string> = { danger: "Danger: ", caution: "Caution: ", info: "Note: " };

/** Most severe first; the host's order within a severity is kept. */
export function bySeverity(warnings: readonly Warning[]): Warning[] {
  return [...warnings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

/**
 * The warnings under the summary, and the acknowledgement a `danger` one needs. The host decided
 * each warning; this only shows them, keeps approve disabled until a danger is acknowledged, and
 * disarms approve for a moment whenever a warning appears that was not there before.
 */
export class WarningsView {
  readonly element = el("div", { class: "ap-warnings", "aria-live": "polite" });
  private readonly checkbox = el("input", {
    type: "checkbox",
    id: "approval-acknowledge",
    "data-testid": "approval-acknowledge",
  }) as HTMLInputElement;
  private codes = new Set<string>();
  private hasDanger = false;
  private shown = false;

  constructor(private readonly arming: Arming) {
    this.checkbox.addEventListener("change", () => this.arming.block("danger", this.blocking));
  }

  /** The warnings in force now (the details' at first, then each update's). */
  set(warnings: readonly Warning[]): void {
    const sorted = bySeverity(warnings);
    const key = (w: Warning) => `${w.severity}:${w.code}`;
    const fresh = sorted.filter((w) => !this.codes.has(key(w)));
    // A danger the person has not seen yet needs its own tick, whatever was ticked before.
    if (fresh.some((w) => w.severity === "danger")) this.checkbox.checked = false;
    this.codes = new Set(sorted.map(key));
    this.hasDanger = sorted.some((w) => w.severity === "danger");
    this.element.replaceChildren(...this.render(sorted));
    this.arming.block("danger", this.blocking);
    if (fresh.length > 0 && this.shown) this.arming.rearm();
    this.shown = true;
  }

  /** Sent with the answer: the person ticked the box beside the danger warnings. */
  get acknowledged(): boolean | undefined {
    return this.hasDanger ? this.checkbox.checked : undefined;
  }

  private get blocking(): boolean {
    return this.hasDanger && !this.checkbox.checked;
  }

  private render(sorted: readonly Warning[]): HTMLElement[] {
    const items = sorted.map((warning) =>
      el(
        "div",
        {
          class: `ap-warning ap-warning-${warning.severity}`,
          "data-testid": "approval-warning",
          "data-code": warning.code,
          "data-severity": warning.severity,
        },
        icon(warning.severity, 18),
        el("p", {}, el("span", { class: "sr-only" }, SPOKEN[warning.severity]), ...messageParts(warning)),
      ),
    );
    if (!this.hasDanger) return items;
    const dangers = sorted.filter((w) => w.severity === "danger").length;
    const ack = el(
      "label",
      { class: "ap-ack", for: "approval-acknowledge" },
      this.checkbox,
      el(
        "span",
        {},
        dangers === 1
          ? "I understand this risk and still want to continue"
          : "I understand these risks and still want to continue",
      ),
    );
    items.splice(dangers, 0, ack);
    return items;
  }
}

/**
 * The message as text, with the short form of the address it is about (when the host sent one)
 * shown as every address in the window is: short on screen, in full on hover and to copy.
 */
function messageParts(warning: Warning): Array<string | HTMLElement> {
  const address = warning.address?.address;
  const at = address ? warning.message.indexOf(shortAddress(address)) : -1;
  if (!address || at < 0) return [warning.message];
  const end = at + shortAddress(address).length;
  return [warning.message.slice(0, at), addressView(address), warning.message.slice(end)];
}
