import { formatAmount } from "./amount.js";
import { el, hostCall } from "./client.js";
import { icon } from "./icons.js";
import { activityTab } from "./popupActivity.js";
import { errorText, skeletonRows } from "./popupParts.js";
import { sitesTab } from "./popupSites.js";
import { tokensTab } from "./popupTokens.js";
import { type PopupContext, VIEWS } from "./popupViews.js";

const TABS = [
  { id: "tokens", label: "Tokens", render: tokensTab },
  { id: "activity", label: "Activity", render: activityTab },
  { id: "sites", label: "Sites", render: sitesTab },
] as const;
type TabId = (typeof TABS)[number]["id"];

/** The tab shown; kept while the popup is open so a re-render after an action stays put. */
let selectedTab: TabId = "tokens";

/** Home: the balance, Send and Receive, then Tokens, Activity and Sites. */
export function homeView(ctx: PopupContext): HTMLElement {
  return el("div", { class: "home" }, balanceHero(ctx), tabs(ctx));
}

function balanceHero(ctx: PopupContext): HTMLElement {
  const { chain } = ctx;
  const amount = el(
    "div",
    { class: "balance-line", "aria-busy": "true" },
    el("span", { class: "skeleton", style: "width: 160px; height: 36px" }),
  );
  void hostCall("vaughan_balance", [chain.chainId, ctx.status.selected]).then(
    ({ wei }) => {
      amount.removeAttribute("aria-busy");
      amount.replaceChildren(
        el(
          "span",
          { class: "balance", "data-testid": "balance", "data-wei": wei, title: `${wei} wei` },
          el("span", { class: "balance-amount" }, formatAmount(wei, chain.decimals)),
          " ",
          el("span", { class: "balance-symbol" }, chain.symbol),
        ),
      );
    },
    (error) => {
      amount.removeAttribute("aria-busy");
      amount.replaceChildren(
        el("p", { class: "alert alert-danger", role: "alert" }, `Balance unavailable. ${errorText(error)}`),
      );
    },
  );
  const actions = el("div", { class: "hero-actions" });
  if (VIEWS.send) actions.append(roundAction("Send", "send", () => ctx.navigate("send"), "send"));
  actions.append(roundAction("Receive", "receive", () => ctx.navigate("receive"), "receive"));
  return el(
    "section",
    { class: "hero" },
    amount,
    el("p", { class: "hero-chain" }, `on ${chain.name}`),
    delegationNotice(ctx),
    actions,
  );
}

/**
 * An account whose code on this chain is an EIP-7702 delegation runs the delegate's code for
 * every transaction: whoever wrote it can move the account's funds. Said where the balance is.
 */
function delegationNotice(ctx: PopupContext): HTMLElement {
  const notice = el("div", { class: "hero-delegation" });
  void hostCall("vaughan_delegations", [ctx.chain.chainId]).then(
    (accounts) => {
      const selected = ctx.status.selected.toLowerCase();
      const delegate = accounts.find((a) => a.address.toLowerCase() === selected)?.delegate;
      if (!delegate) return;
      notice.replaceChildren(
        el(
          "p",
          {
            class: "alert alert-caution",
            role: "status",
            "data-testid": "account-delegation",
            "data-delegate": delegate,
          },
          `This account delegates its code to ${delegate.slice(0, 6)}…${delegate.slice(-4)} (EIP-7702): that contract can move its funds.`,
        ),
      );
    },
    // Not knowing is no reason to alarm: the notice stays empty.
    () => undefined,
  );
  return notice;
}

function roundAction(
  label: string,
  iconName: "send" | "receive",
  go: () => void,
  testId: string,
): HTMLElement {
  const button = el("button", { class: "round-action", type: "button", "data-testid": `open-${testId}` });
  button.append(el("span", { class: "round-icon" }, icon(iconName)), el("span", {}, label));
  button.addEventListener("click", go);
  return button;
}

/**
 * Tokens, Activity and Sites as a row of pages side by side, one in view at a time: a tab
 * scrolls to its page, and scrolling (a swipe, or focus moving into a page) selects its tab.
 * Every page is drawn at once, so what any of them holds is there as soon as it loads.
 */
function tabs(ctx: PopupContext): HTMLElement {
  const list = el("div", { class: "tabs", role: "tablist", "aria-label": "Home" });
  const pager = el("div", { class: "pager" });
  const buttons: HTMLElement[] = [];
  const select = (id: TabId) => {
    selectedTab = id;
    TABS.forEach((tab, i) => {
      const button = buttons[i] as HTMLElement;
      button.setAttribute("aria-selected", String(tab.id === id));
      button.tabIndex = tab.id === id ? 0 : -1;
    });
  };
  const scrollTo = (id: TabId, behavior: ScrollBehavior) =>
    pager.scrollTo({ left: TABS.findIndex((t) => t.id === id) * pager.clientWidth, behavior });
  const pages = TABS.map((tab, i) => {
    const button = el(
      "button",
      {
        class: "tab",
        role: "tab",
        type: "button",
        id: `tab-${tab.id}`,
        "aria-controls": `page-${tab.id}`,
        "data-testid": `tab-${tab.id}`,
      },
      tab.label,
    );
    button.addEventListener("click", () => {
      select(tab.id);
      scrollTo(tab.id, "smooth");
    });
    // Arrow keys move between tabs, as in every tab list (WAI-ARIA Authoring Practices).
    button.addEventListener("keydown", (event) => {
      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      const next = TABS[(i + step + TABS.length) % TABS.length];
      if (step === 0 || !next) return;
      select(next.id);
      scrollTo(next.id, "smooth");
      buttons[TABS.indexOf(next)]?.focus();
    });
    buttons.push(button);
    const page = el(
      "section",
      { class: "page", role: "tabpanel", id: `page-${tab.id}`, "aria-labelledby": `tab-${tab.id}` },
      skeletonRows(3),
    );
    void tab.render(ctx, page);
    return page;
  });
  list.append(...buttons);
  pager.append(...pages);
  select(selectedTab);
  const seen = new IntersectionObserver(
    (changes) => {
      for (const change of changes) {
        const index = pages.indexOf(change.target as HTMLElement);
        const tab = TABS[index];
        if (change.isIntersecting && tab) select(tab.id);
      }
    },
    { root: pager, threshold: 0.6 },
  );
  for (const page of pages) seen.observe(page);
  // Once in the document: show the tab that was open before a re-render.
  requestAnimationFrame(() => scrollTo(selectedTab, "instant"));
  return el("section", { class: "home-tabs" }, list, pager);
}
