import type { ConnectedSite } from "../../protocol/ui.js";
import { el, hostCall } from "./client.js";
import { emptyState, errorText, initialBadge } from "./popupParts.js";
import type { PopupContext } from "./popupViews.js";

/** Connected sites with the chain each is on, and Revoke. */
export async function sitesTab(ctx: PopupContext, box: HTMLElement): Promise<void> {
  let sites: ConnectedSite[];
  try {
    sites = await hostCall("vaughan_sites");
  } catch (error) {
    box.replaceChildren(
      el(
        "p",
        { class: "alert alert-danger tab-alert", role: "alert" },
        `Sites unavailable. ${errorText(error)}`,
      ),
    );
    return;
  }
  if (sites.length === 0) {
    box.replaceChildren(
      emptyState(
        "No connected sites",
        "When you connect Vaughan on a site, it is listed here; you can disconnect it at any time.",
        "sites-empty",
      ),
    );
    return;
  }
  const list = el("ul", { class: "list sites" });
  for (const site of sites) {
    const revoke = el(
      "button",
      {
        class: "btn btn-sm btn-secondary",
        type: "button",
        "data-testid": "revoke",
        "aria-label": `Disconnect ${site.origin}`,
      },
      "Revoke",
    );
    revoke.addEventListener("click", () => {
      revoke.setAttribute("disabled", "");
      hostCall("vaughan_revoke", [site.origin]).then(() => ctx.refresh(), ctx.showError);
    });
    const chain = site.chainName ?? `Chain ${site.chainId}`;
    const accounts = site.accounts.length === 1 ? "1 account" : `${site.accounts.length} accounts`;
    list.append(
      el(
        "li",
        { class: "list-row" },
        initialBadge(site.origin),
        el(
          "div",
          { class: "row-main" },
          el("div", { class: "row-title", "data-testid": "site", title: site.origin }, site.origin),
          el("div", { class: "row-sub" }, `${chain} · ${accounts}`),
        ),
        el("div", { class: "row-end" }, revoke),
      ),
    );
  }
  box.replaceChildren(list);
}
