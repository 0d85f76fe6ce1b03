import type { UiActivityEntry } from "../../protocol/activity.js";
import { WALLET_ORIGIN } from "../../protocol/walletOrigin.js";
import { formatAmount, timeAgo } from "./amount.js";
import { el, hostCall } from "./client.js";
import { type IconName, icon } from "./icons.js";
import { emptyState, errorText } from "./popupParts.js";
import type { PopupContext } from "./popupViews.js";

/** While a transaction is pending, the list asks again this often (the host re-checks its receipt). */
const POLL_MS = 2_000;

const STATUS_LABEL: Record<UiActivityEntry["status"], string> = {
  pending: "Pending",
  confirmed: "Confirmed",
  failed: "Failed",
  replaced: "Replaced",
  cancelled: "Cancelled",
};

/**
 * The account's transactions and signatures on the popup's chain, newest first. Pending
 * transactions carry Speed up and Cancel; the list refreshes itself until none is pending, and
 * stops once it is no longer shown.
 */
export async function activityTab(ctx: PopupContext, box: HTMLElement): Promise<void> {
  let entries: UiActivityEntry[];
  try {
    entries = await hostCall("vaughan_activity", [ctx.chain.chainId, ctx.status.selected]);
  } catch (error) {
    box.replaceChildren(
      el(
        "p",
        { class: "alert alert-danger tab-alert", role: "alert" },
        `Activity unavailable. ${errorText(error)}`,
      ),
    );
    return;
  }
  if (!box.isConnected) return;
  // Redrawn only when something changed: a poll must not wipe a note or a focused button.
  const drawn = JSON.stringify(entries);
  if (shown.get(box) === drawn) {
    schedule(ctx, box, entries);
    return;
  }
  shown.set(box, drawn);
  if (entries.length === 0) {
    box.replaceChildren(
      emptyState(
        "No activity yet",
        `Transactions and signatures you approve on ${ctx.chain.name} appear here.`,
        "activity-empty",
      ),
    );
  } else {
    box.replaceChildren(el("ul", { class: "list activity" }, ...entries.map((e) => row(ctx, e))));
  }
  schedule(ctx, box, entries);
}

/** What each box shows now, to skip redrawing the same list. */
const shown = new WeakMap<HTMLElement, string>();

function schedule(ctx: PopupContext, box: HTMLElement, entries: UiActivityEntry[]): void {
  if (!entries.some((e) => e.status === "pending")) return;
  setTimeout(() => {
    if (box.isConnected) void activityTab(ctx, box);
  }, POLL_MS);
}

function row(ctx: PopupContext, entry: UiActivityEntry): HTMLElement {
  const iconName: IconName =
    entry.kind === "signature"
      ? "pen"
      : entry.tx?.to === null
        ? "contract"
        : entry.purpose === "cancel"
          ? "x"
          : entry.permission
            ? "shield"
            : "send";
  const site = entry.origin === WALLET_ORIGIN ? "Vaughan" : entry.origin.replace(/^https?:\/\//, "");
  const fee =
    entry.feeWei === undefined
      ? []
      : [
          el(
            "div",
            { class: "row-sub" },
            `Fee ${formatAmount(entry.feeWei, ctx.chain.decimals, 6)} ${ctx.chain.symbol}`,
          ),
        ];
  const attrs: Record<string, string> = {
    class: `list-row activity-row status-${entry.status}`,
    "data-testid": "activity-item",
    "data-kind": entry.kind,
    "data-status": entry.status,
    "data-icon": iconName,
  };
  if (entry.hash) attrs["data-hash"] = entry.hash;
  // A transaction the network refused at broadcast has no hash: it was never sent.
  const notSent = entry.kind === "transaction" && entry.hash === undefined && entry.error !== undefined;
  const chip = el(
    "span",
    { class: `chip chip-${entry.status}` },
    entry.kind === "signature" ? "Signed" : notSent ? "Not sent" : STATUS_LABEL[entry.status],
  );
  const main = el(
    "div",
    { class: "row-main" },
    el(
      "div",
      { class: "row-title", title: entry.summary, "data-testid": "activity-summary" },
      ...unbroken(entry.summary),
    ),
    el(
      "div",
      { class: "row-meta" },
      chip,
      el("span", { class: "row-sub", title: entry.origin }, `${site} · ${timeAgo(entry.time)}`),
    ),
    ...fee,
    // What went wrong and what to do, as the host words it (a refusal, a drop).
    ...(entry.error === undefined
      ? []
      : [el("p", { class: "row-error", "data-testid": "activity-error" }, entry.error)]),
  );
  if (entry.status === "pending" && entry.kind === "transaction" && entry.hash)
    main.append(pendingActions(ctx, entry.hash));
  const end = el("div", { class: "row-end" });
  if (entry.explorerUrl) {
    const link = el(
      "a",
      {
        class: "explorer icon-btn",
        href: entry.explorerUrl,
        target: "_blank",
        rel: "noopener noreferrer",
        "aria-label": "View on the explorer",
        title: "View on the explorer",
      },
      icon("external"),
    );
    end.append(link);
  }
  return el("li", attrs, el("span", { class: `row-icon kind-${entry.kind}` }, icon(iconName)), main, end);
}

/** A short address ("0x7099…79C8") in a line of text. */
const SHORT_ADDRESS = /0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4}/g;

/**
 * The line with each short address kept whole (a wrapped line may break after its "…"); the
 * text itself is unchanged.
 */
function unbroken(line: string): Array<Node | string> {
  const parts: Array<Node | string> = [];
  let at = 0;
  for (const match of line.matchAll(SHORT_ADDRESS)) {
    parts.push(line.slice(at, match.index), el("span", { class: "nowrap" }, match[0]));
    at = match.index + match[0].length;
  }
  parts.push(line.slice(at));
  return parts;
}

function pendingActions(ctx: PopupContext, hash: string): HTMLElement {
  const note = el("p", { class: "row-note", role: "status" });
  const act = (method: "vaughan_speedUp" | "vaughan_cancel", label: string, testId: string, cls: string) => {
    const button = el("button", { class: `btn btn-sm ${cls}`, type: "button", "data-testid": testId }, label);
    button.addEventListener("click", () => {
      button.setAttribute("disabled", "");
      hostCall(method, [ctx.chain.chainId, hash]).then(
        () => {
          note.textContent = "Confirm it in the Vaughan window that opened.";
        },
        (error) => {
          button.removeAttribute("disabled");
          note.textContent = errorText(error);
        },
      );
    });
    return button;
  };
  return el(
    "div",
    {},
    el(
      "div",
      { class: "row-actions" },
      act("vaughan_speedUp", "Speed up", "speed-up", "btn-secondary"),
      act("vaughan_cancel", "Cancel", "cancel", "btn-ghost"),
    ),
    note,
  );
}
