import type { AssetChange, Grant, Simulation } from "../../../protocol/approvalDetails.js";
import { el } from "../client.js";
import { addressView } from "./address.js";
import { section } from "./layout.js";

/** The token's first letter (or the native currency's), drawn here: token images are never fetched. */
function tokenBadge(label: string): HTMLElement {
  return el(
    "span",
    { class: "ap-token-badge", "aria-hidden": "true" },
    (label.trim()[0] ?? "?").toUpperCase(),
  );
}

function changeRow(change: AssetChange, nativeSymbol: string): HTMLElement {
  const negative = change.delta.startsWith("-");
  const name =
    change.asset === "native"
      ? nativeSymbol
      : (change.token?.name ?? change.token?.symbol ?? "Unknown token");
  const attrs: Record<string, string> = {
    class: `ap-change ${negative ? "ap-change-out" : "ap-change-in"}`,
    "data-testid": "approval-change",
    "data-asset": change.asset,
    "data-delta": change.delta,
  };
  if (change.tokenId !== undefined) attrs["data-token-id"] = change.tokenId;
  return el(
    "div",
    attrs,
    tokenBadge(change.token?.symbol ?? name),
    el(
      "span",
      { class: "ap-change-main" },
      el("span", { class: "ap-change-verb" }, negative ? "You send" : "You receive"),
      el("span", { class: "ap-change-name" }, name),
    ),
    el("span", { class: "ap-change-amount num" }, change.formatted),
  );
}

function grantRow(grant: Grant): HTMLElement {
  const token = grant.token.name ?? grant.token.symbol ?? "this token";
  const what = grant.all
    ? `All your ${token}`
    : grant.tokenId !== undefined
      ? `${token} #${grant.tokenId}`
      : (grant.amount?.formatted ?? token);
  const revokes = grant.all === false || grant.amount?.raw === "0";
  return el(
    "div",
    { class: `ap-change ap-grant${revokes ? "" : " ap-grant-gives"}`, "data-testid": "approval-grant" },
    tokenBadge(grant.token.symbol ?? token),
    el(
      "span",
      { class: "ap-change-main" },
      el(
        "span",
        { class: "ap-change-verb" },
        revokes ? "You take back access to" : "You let this address spend",
      ),
      el("span", { class: "ap-change-name" }, what),
    ),
    el("span", { class: "ap-change-amount" }, addressView(grant.spender)),
  );
}

function skeleton(): HTMLElement {
  const line = (width: string) => el("span", { class: "skeleton", style: `width:${width};height:12px` });
  const one = () =>
    el(
      "div",
      { class: "ap-change", "aria-hidden": "true" },
      el("span", { class: "skeleton ap-token-badge" }),
      el("span", { class: "ap-change-main" }, line("60px"), line("110px")),
      line("80px"),
    );
  return el(
    "div",
    { class: "ap-changes", "aria-busy": "true" },
    el("span", { class: "sr-only" }, "Simulating the transaction on your network…"),
    one(),
    one(),
  );
}

/**
 * "What changes": the simulation's result on the account's holdings, as the host parsed it
 * from the node. A skeleton keeps the layout still while the result is on its way.
 */
export function simulationView(simulation: Simulation, nativeSymbol: string): HTMLElement {
  const body: HTMLElement[] = [];
  switch (simulation.status) {
    case "pending":
      body.push(skeleton());
      break;
    case "ok": {
      const rows = [
        ...simulation.changes.map((c) => changeRow(c, nativeSymbol)),
        ...simulation.grants.map(grantRow),
      ];
      body.push(
        rows.length > 0
          ? el("div", { class: "ap-changes" }, ...rows)
          : el(
              "p",
              { class: "ap-empty", "data-testid": "approval-no-changes" },
              "No changes to your balances",
            ),
      );
      if (simulation.siteProposedRpc) body.push(siteNodeNote());
      break;
    }
    case "reverts":
      body.push(
        el(
          "div",
          { class: "ap-sim-fail" },
          el("p", { class: "ap-sim-fail-title" }, "This transaction would fail"),
          el("p", { class: "ap-sim-reason" }, simulation.reason),
        ),
      );
      if (simulation.siteProposedRpc) body.push(siteNodeNote());
      break;
    case "unavailable":
      body.push(
        el(
          "div",
          { class: "ap-sim-none" },
          el("p", { class: "ap-empty" }, "Could not simulate on this network"),
          el("p", { class: "ap-sim-reason" }, simulation.reason),
          ...(simulation.reverts === null
            ? []
            : [
                el(
                  "p",
                  { class: "ap-sim-reason ap-sim-reverts" },
                  `The network expects it to fail: ${simulation.reverts}`,
                ),
              ]),
        ),
      );
      break;
  }
  const view = section("What changes", ...body);
  view.dataset.testid = "approval-simulation";
  view.dataset.status = simulation.status;
  return view;
}

function siteNodeNote(): HTMLElement {
  return el(
    "p",
    { class: "ap-note" },
    "Simulated on a network node this site proposed: its answer is only as honest as that node.",
  );
}
