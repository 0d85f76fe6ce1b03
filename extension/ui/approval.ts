/**
 * The approval window. It shows what the host asked, as the background relays it (origin from
 * the browser, never from the page), and keeps Approve inert for ~500 ms after it appears so a
 * page cannot trick a click onto it (T10).
 */
import type { Approval } from "../../protocol/ui.js";
import { renderDetails } from "./approvalDetails.js";
import { el, send } from "./client.js";
import { unlockForm } from "./unlockForm.js";

const ARM_DELAY_MS = 500;
const approvalId = new URLSearchParams(location.search).get("id") ?? "";
const root = document.getElementById("app") as HTMLElement;

function answer(approved: boolean, accounts?: string[]): void {
  void send({ type: "approval-answer", approvalId, approved, accounts }).finally(() => window.close());
}

function showUnlock(approval: Approval, then: () => void): void {
  const form = unlockForm(
    then,
    el("h2", {}, "Unlock Vaughan"),
    el("p", {}, `${approval.origin} is waiting.`),
  );
  root.replaceChildren(form);
  form.querySelector("input")?.focus();
}

function showApproval(approval: Approval): void {
  if (approval.kind === "unlock") {
    answer(true);
    return;
  }
  const approve = el(
    "button",
    { "data-testid": "approve", disabled: "", class: "primary" },
    "Approve",
  ) as HTMLButtonElement;
  const reject = el("button", { "data-testid": "reject" }, "Reject");
  const accounts: HTMLInputElement[] = [];
  const body =
    approval.kind === "connect"
      ? connectBody(approval, accounts)
      : renderDetails(approval.kind, approval.details);
  root.replaceChildren(
    el("p", { class: "origin", "data-testid": "approval-origin" }, approval.origin),
    el("p", { class: "kind", "data-testid": "approval-kind" }, approval.kind),
    el("p", { class: "chain" }, `Chain ${approval.chainId} (0x${approval.chainId.toString(16)})`),
    body,
    el("div", { class: "actions" }, reject, approve),
  );
  reject.addEventListener("click", () => answer(false));
  approve.addEventListener("click", () => {
    if (approve.disabled) return;
    const chosen = accounts.filter((a) => a.checked).map((a) => a.value);
    answer(true, approval.kind === "connect" ? chosen : undefined);
  });
  // Armed only after the window has been visible for a moment.
  setTimeout(() => approve.removeAttribute("disabled"), ARM_DELAY_MS);
}

function connectBody(approval: Approval, boxes: HTMLInputElement[]): HTMLElement {
  const details = approval.details as {
    accounts?: Array<{ address: string; name: string }>;
    selected?: string;
  };
  const list = el("fieldset", {}, el("legend", {}, "Accounts this site may see"));
  for (const account of details.accounts ?? []) {
    const box = el("input", { type: "checkbox", value: account.address }) as HTMLInputElement;
    box.checked = account.address.toLowerCase() === details.selected?.toLowerCase();
    boxes.push(box);
    list.append(el("label", { class: "account" }, box, ` ${account.name} `, el("code", {}, account.address)));
  }
  return el("section", {}, el("p", {}, "This site wants to see your address and ask for approvals."), list);
}

async function start(): Promise<void> {
  const approval = await send({ type: "approval-get", approvalId });
  if (!approval) {
    root.replaceChildren(el("p", {}, "This request is no longer pending."));
    return;
  }
  document.title = `Vaughan — ${approval.kind}`;
  if (approval.locked) showUnlock(approval, () => showApproval(approval));
  else showApproval(approval);
}

void start();
