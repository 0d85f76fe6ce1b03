/**
 * The popup's view of one EIP-5792 batch (`popup.html#calls=<id>`), opened by
 * `wallet_showCallsStatus`: each call in order with its transaction and state, as the host
 * reads them from the chain. Every string is set as text.
 */
import { BatchIdSchema, type CallsStatusView } from "../../protocol/callBatch.js";
import { el, hostCall, UiCallError } from "./client.js";

const STATUS_TEXT: Record<number, string> = {
  100: "Pending",
  200: "Confirmed",
  400: "Failed: nothing was included on chain",
  500: "Reverted: only fees were spent",
  600: "Partly reverted: some calls took effect",
};

/** The batch id the location asks for, if it names a well-formed one. */
export function callsStatusId(hash: string): string | undefined {
  const match = /^#calls=(.+)$/.exec(hash);
  const parsed = BatchIdSchema.safeParse(match?.[1]);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Renders the batch into `root` when the location names one and returns true; false leaves the
 * popup's own screen to the caller. Refreshes while the batch is pending.
 */
export function showCallsStatusRoute(root: HTMLElement, hash = location.hash): boolean {
  const id = callsStatusId(hash);
  if (id === undefined) return false;
  const draw = async () => {
    try {
      const view = await hostCall("vaughan_callsStatus", [id]);
      root.replaceChildren(
        view ? batchView(view) : el("p", { "data-testid": "calls-unknown" }, "Unknown batch"),
      );
      if (view?.status === 100) setTimeout(() => void draw(), 2000);
    } catch (error) {
      const message =
        error instanceof UiCallError || error instanceof Error ? error.message : "Something went wrong";
      root.replaceChildren(el("p", { class: "error", role: "alert", "data-testid": "popup-error" }, message));
    }
  };
  void draw();
  return true;
}

function batchView(view: CallsStatusView): HTMLElement {
  const list = el("ol", { class: "calls" });
  for (const call of view.calls) {
    list.append(
      el(
        "li",
        { "data-testid": "calls-call", "data-state": call.state },
        el("div", {}, "To ", el("code", {}, call.to ?? "(new contract)")),
        el("div", {}, `Value ${call.value} wei`, call.selector ? ` · calls ${call.selector}` : ""),
        el("div", {}, "State ", el("strong", {}, call.state)),
        ...(call.hash
          ? [el("div", {}, "Transaction ", el("code", { "data-testid": "calls-hash" }, call.hash))]
          : []),
      ),
    );
  }
  return el(
    "section",
    { "data-testid": "calls-status", "data-status": String(view.status) },
    el("h2", {}, "Batch of calls"),
    el(
      "p",
      {},
      "From ",
      el("code", {}, view.from),
      ` on chain ${view.chainId}, sent by `,
      el("code", {}, view.origin),
    ),
    el(
      "p",
      {},
      "Status ",
      el("strong", { "data-testid": "calls-status-text" }, STATUS_TEXT[view.status] ?? String(view.status)),
    ),
    list,
  );
}
