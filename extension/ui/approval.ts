/**
 * The approval window. It shows what the host asked, as the background relays it (origin from
 * the browser, never from the page): details parsed against their kind's schema and set as text,
 * never HTML. Approve is armed only as extension/ui/approval/arming.ts allows (T10); a `danger`
 * warning needs its box ticked, and the tick travels with the answer for the host to check.
 */
import type { ApprovalAnswerExtras, ApprovalUpdate } from "../../protocol/approvalDetails.js";
import type { Approval } from "../../protocol/ui.js";
import { Arming } from "./approval/arming.js";
import { connectBody } from "./approval/connectBody.js";
import { header, hostOf, type SiteContext } from "./approval/header.js";
import { actionOf, titleOf } from "./approval/labels.js";
import { addChainBody, switchChainBody } from "./approval/networkBodies.js";
import { type Body, type ParsedApproval, parseApproval } from "./approval/parsed.js";
import { signMessageBody, signTypedDataBody } from "./approval/signBody.js";
import { sendCallsBody, sendTransactionBody } from "./approval/transactionBody.js";
import { WarningsView } from "./approval/warnings.js";
import { watchAssetBody } from "./approval/watchAssetBody.js";
import { el, hostCall, onPush, send } from "./client.js";
import { icon } from "./icons.js";
import { unlockForm } from "./unlockForm.js";

const approvalId = new URLSearchParams(location.search).get("id") ?? "";
const root = document.getElementById("app") as HTMLElement;
let answered = false;

function answer(approved: boolean, extras: ApprovalAnswerExtras = {}): void {
  if (answered) return;
  answered = true;
  void send({ type: "approval-answer", approvalId, approved, ...extras }).finally(() => window.close());
}

function showUnlock(approval: Approval, then: () => void): void {
  const form = unlockForm(
    then,
    [
      el("span", { class: "ap-unlock-icon", "aria-hidden": "true" }, icon("lock", 26)),
      el("h1", {}, "Unlock Vaughan"),
      el(
        "p",
        { class: "muted" },
        el("strong", {}, hostOf(approval.origin)),
        " is waiting for your approval. Enter your password to see its request.",
      ),
    ],
    // Delegations on the chain the request is for: the one it would act on.
    { chainId: async () => approval.chainId },
  );
  form.classList.add("ap-unlock");
  form.querySelector("input")?.setAttribute("aria-label", "Password");
  root.replaceChildren(form);
  form.querySelector("input")?.focus();
}

/** Whether the site is connected and the chain's name: asked of the host, shown where known. */
async function siteContext(approval: Approval): Promise<SiteContext> {
  const [sites, chain] = await Promise.allSettled([
    hostCall("vaughan_sites"),
    hostCall("vaughan_siteChain", [approval.origin]),
  ]);
  const connected =
    sites.status === "fulfilled"
      ? sites.value.some((s) => s.origin === approval.origin && s.accounts.length > 0)
      : undefined;
  const sameChain = chain.status === "fulfilled" && chain.value?.chainId === approval.chainId;
  return { connected, chainName: sameChain ? chain.value?.name : undefined };
}

function bodyOf(parsed: ParsedApproval, arming: Arming): Body {
  switch (parsed.kind) {
    case "connect":
      return connectBody(parsed.details, arming);
    case "sign-message":
      return signMessageBody(parsed.details);
    case "sign-typed-data":
      return signTypedDataBody(parsed.details);
    case "send-transaction":
      return sendTransactionBody(parsed.details, arming);
    case "send-calls":
      return sendCallsBody(parsed.details, arming);
    case "add-chain":
      return addChainBody(parsed.details);
    case "switch-chain":
      return switchChainBody(parsed.details);
    case "watch-asset":
      return watchAssetBody(parsed.details);
    case "unlock":
      return { parts: [] };
  }
}

function footer(reject: HTMLElement, approve?: HTMLElement): HTMLElement {
  return el("footer", { class: "ap-footer" }, reject, ...(approve ? [approve] : []));
}

function rejectButton(): HTMLButtonElement {
  const reject = el(
    "button",
    { type: "button", class: "btn btn-secondary", "data-testid": "reject" },
    "Reject",
  ) as HTMLButtonElement;
  reject.addEventListener("click", () => answer(false));
  return reject;
}

/** Details that do not fit their schema: nothing can be shown truthfully, so only Reject is offered. */
function showUnreadable(approval: Approval, site: SiteContext): void {
  const reject = rejectButton();
  root.replaceChildren(
    el(
      "div",
      { class: "ap-window" },
      header(approval.origin, approval.chainId, site, approval.kind === "connect"),
      el(
        "main",
        { class: "ap-main" },
        el("div", { class: "ap-title" }, el("h1", {}, "Request cannot be shown"), kindTag(approval.kind)),
        el(
          "div",
          { class: "ap-warning ap-warning-danger", role: "alert", "data-testid": "approval-unreadable" },
          icon("danger"),
          el(
            "p",
            {},
            "Vaughan could not read this request's details, so it cannot show you what approving would do. Reject it; if the site keeps asking, it may be broken or up to something.",
          ),
        ),
      ),
      footer(reject),
    ),
  );
  reject.focus();
}

function kindTag(kind: string): HTMLElement {
  return el("span", { class: "ap-kind", "data-testid": "approval-kind" }, kind);
}

function showApproval(approval: Approval, update: ApprovalUpdate | null, site: SiteContext): void {
  if (approval.kind === "unlock") {
    answer(true);
    return;
  }
  const parsed = parseApproval(approval.kind, approval.details);
  if (!parsed) {
    showUnreadable(approval, site);
    return;
  }
  const approve = el(
    "button",
    { type: "button", class: "btn btn-primary", "data-testid": "approve", disabled: "" },
    actionOf(parsed),
  ) as HTMLButtonElement;
  const waitForSimulation = parsed.kind === "send-transaction" || parsed.kind === "send-calls";
  const arming = new Arming(approve, { waitForSimulation });
  const warnings = new WarningsView(arming);
  const body = bodyOf(parsed, arming);
  const reject = rejectButton();

  const details = parsed.details as { summary?: string; warnings?: [] };
  warnings.set(details.warnings ?? []);
  const apply = (next: ApprovalUpdate) => {
    body.update?.(next);
    warnings.set(next.warnings);
  };
  onPush((push) => {
    if (push.type === "approval-update" && push.approvalId === approvalId) apply(push.update);
  });

  approve.addEventListener("click", () => {
    if (!arming.armed) return;
    const extras: ApprovalAnswerExtras = { ...body.answer?.() };
    const acknowledged = warnings.acknowledged;
    if (acknowledged !== undefined) extras.acknowledged = acknowledged;
    answer(true, extras);
  });
  // Enter never approves on its own: not while a danger is unacknowledged, not before arming.
  document.addEventListener(
    "keydown",
    (event) => {
      if (event.key === "Enter" && event.target === approve && !arming.armed) event.preventDefault();
      if (event.key === "Escape") answer(false);
    },
    true,
  );

  root.replaceChildren(
    el(
      "div",
      { class: "ap-window" },
      header(approval.origin, approval.chainId, site, approval.kind === "connect"),
      el(
        "main",
        { class: "ap-main" },
        el("div", { class: "ap-title" }, el("h1", {}, titleOf(parsed)), kindTag(approval.kind)),
        el("p", { class: "ap-summary", "data-testid": "approval-summary" }, details.summary ?? ""),
        warnings.element,
        ...body.parts,
      ),
      footer(reject, approve),
    ),
  );
  document.title = `Vaughan — ${titleOf(parsed)}`;
  // An update that came before the window asked (the background kept the latest).
  if (update) apply(update);
}

async function start(): Promise<void> {
  const got = await send({ type: "approval-get", approvalId });
  if (!got) {
    root.replaceChildren(
      el("p", { class: "ap-gone" }, "This request is no longer pending. You can close this window."),
    );
    return;
  }
  const { approval } = got;
  const show = async () => {
    // The update may have come while the unlock form was up: ask again for the latest.
    const latest = (await send({ type: "approval-get", approvalId })) ?? got;
    showApproval(latest.approval, latest.update, await siteContext(approval));
  };
  if (approval.locked) showUnlock(approval, show);
  else await show();
}

void start();
