/**
 * The toolbar popup's shell: the host connection and lock state first, then the top bar
 * (account, address, network, settings, lock) above one screen: home (popupHome.ts) or a
 * screen of `VIEWS` (popupViews.ts).
 */
import browser from "webextension-polyfill";
import type { TransportStatus, WalletStatus } from "../../protocol/ui.js";
import { showCallsStatusRoute } from "./callsStatus.js";
import { el, hostCall, send } from "./client.js";
import { icon } from "./icons.js";
import { identicon } from "./identicon.js";
import { homeView } from "./popupHome.js";
import { addressText, errorText } from "./popupParts.js";
import { type PopupContext, VIEWS } from "./popupViews.js";
import { unlockForm } from "./unlockForm.js";

const root = document.getElementById("app") as HTMLElement;
/** The screen shown: "home" or a key of VIEWS. */
let current = "home";

async function render(): Promise<void> {
  try {
    await draw();
  } catch (error) {
    showError(error);
  }
}

async function draw(): Promise<void> {
  const { status: transport, reason, hint } = await send({ type: "transport" });
  if (transport === "disconnected") {
    root.replaceChildren(
      el(
        "section",
        { class: "gate" },
        el("h1", {}, "Vaughan"),
        el("p", {}, "Transport: ", el("strong", { "data-testid": "transport-status" }, transport)),
        el(
          "p",
          { class: "alert alert-danger", role: "alert" },
          "The Vaughan host is not reachable. Run `vaughan-host status` for help.",
        ),
        ...(reason
          ? [el("p", { class: "hint", "data-testid": "transport-reason" }, reason, " ", hint ?? "")]
          : []),
        settingsButton(),
      ),
    );
    return;
  }
  const status = await hostCall("vaughan_status");
  const state = !status.hasVault ? "no wallet" : status.locked ? "locked" : "unlocked";
  const hidden = [
    el("span", { class: "sr-only", "data-testid": "wallet-status" }, state),
    el("span", { class: "sr-only", "data-testid": "transport-status" }, transport),
  ];
  if (!status.hasVault || status.locked || !status.selected) {
    const body = !status.hasVault
      ? el("p", {}, "No wallet yet. Create one with `vaughan-host init`.")
      : unlockForm(render, [el("p", { class: "hint" }, "Enter your password to unlock.")], {
          // The chain the popup is about to show: the current tab's site's, or the default.
          chainId: async () => (await hostCall("vaughan_popupChain", [await tabOrigin()])).chainId,
        });
    root.replaceChildren(
      el("section", { class: "gate" }, el("h1", {}, "Vaughan"), ...hidden, body, settingsButton()),
    );
    root.querySelector("input")?.focus();
    return;
  }
  const origin = await tabOrigin();
  const ctx: PopupContext = {
    status: status as WalletStatus & { selected: string },
    chain: await hostCall("vaughan_popupChain", [origin]),
    navigate(view) {
      current = view in VIEWS ? view : "home";
      void render();
    },
    refresh: render,
    showError,
  };
  const view = VIEWS[current];
  const screen = view
    ? el(
        "div",
        { class: "view" },
        el("header", { class: "view-head" }, backButton(ctx), el("h1", {}, view.title)),
        await view.render(ctx),
      )
    : homeView(ctx);
  root.replaceChildren(
    topBar(ctx, transport),
    siteLine(origin),
    ...hidden,
    el("main", { class: "screen" }, screen),
  );
}

/**
 * The current tab's origin, which `activeTab` grants for the tab the popup was opened on (and
 * nothing when the popup is opened another way, as the tests open it in a tab of its own).
 */
async function tabOrigin(): Promise<string | null> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const url = tab?.url ? new URL(tab.url) : undefined;
    if (url && (url.protocol === "https:" || url.protocol === "http:")) return url.origin;
  } catch {
    // No tab to ask about: the default chain.
  }
  return null;
}

function topBar(ctx: PopupContext, transport: TransportStatus): HTMLElement {
  const { status } = ctx;
  const select = el("select", {
    class: "account-select",
    "data-testid": "account-select",
    "aria-label": "Account",
  }) as HTMLSelectElement;
  for (const a of status.accounts) {
    const option = el("option", { value: a.address }, a.name) as HTMLOptionElement;
    option.selected = a.address === status.selected;
    select.append(option);
  }
  select.addEventListener(
    "change",
    () => void hostCall("vaughan_selectAccount", [select.value]).then(render, showError),
  );
  const add = iconButton("plus", "Add account", "add-account", () => {
    void hostCall("vaughan_addAccount").then(render, showError);
  });
  // Its text says what it does and then what it did ("Copied"), for screen readers and tests.
  const said = el("span", { class: "sr-only" }, "Copy address");
  const copy = el(
    "button",
    { class: "icon-btn address-copy", type: "button", "data-testid": "copy-address", title: "Copy address" },
    icon("copy"),
    said,
  );
  copy.addEventListener("click", () => {
    navigator.clipboard.writeText(status.selected).then(() => {
      copy.firstElementChild?.replaceWith(icon("check"));
      said.textContent = "Copied";
    }, showError);
  });
  const address = el(
    "div",
    { class: "address-line" },
    addressText(status.selected, { "data-testid": "account-address" }),
    copy,
  );
  const transportNote =
    transport === "native"
      ? "Connected to the Vaughan host"
      : "Connected to the Vaughan host over the local WebSocket";
  return el(
    "header",
    { class: "topbar" },
    identicon(status.selected, 32),
    el(
      "div",
      { class: "account" },
      el("div", { class: "account-line" }, select, el("span", { class: "chevron" }, icon("chevron")), add),
      address,
    ),
    el(
      "span",
      { class: "pill network", title: `${ctx.chain.name} (chain ${ctx.chain.chainId}). ${transportNote}.` },
      el("span", { class: `dot ${transport === "native" ? "dot-ok" : "dot-warn"}` }),
      el("span", { class: "network-name" }, ctx.chain.name),
    ),
    settingsButton(),
    iconButton("lock", "Lock", "lock", () => {
      void hostCall("vaughan_lock").then(render, showError);
    }),
  );
}

/** The current tab's site and the chain it is on (connected or not), in the words the popup always used. */
function siteLine(origin: string | null): HTMLElement {
  const line = el("p", { class: "site-line", "data-testid": "site-chain", hidden: "" });
  if (origin) {
    void hostCall("vaughan_siteChain", [origin]).then((chain) => {
      if (!chain) return;
      line.textContent = `${origin} is on ${chain.name} (${chain.chainId})`;
      line.hidden = false;
    }, showError);
  }
  return line;
}

/** Settings: the popup's own screen once there is one, the options page until then. */
function settingsButton(): HTMLElement {
  return iconButton("settings", "Settings", "open-options", () => {
    if (VIEWS.settings) {
      current = "settings";
      void render();
    } else void browser.runtime.openOptionsPage();
  });
}

function backButton(ctx: PopupContext): HTMLElement {
  return iconButton("back", "Back", "back", () => ctx.navigate("home"));
}

function iconButton(
  name: Parameters<typeof icon>[0],
  label: string,
  testId: string,
  action: () => void,
): HTMLElement {
  const button = el(
    "button",
    { class: "icon-btn", type: "button", "aria-label": label, title: label, "data-testid": testId },
    icon(name),
  );
  button.addEventListener("click", action);
  return button;
}

/** Shows a failed action's message where the person is looking, instead of dropping it. */
function showError(e: unknown): void {
  let line = root.querySelector<HTMLElement>("[data-testid=popup-error]");
  if (!line) {
    line = el("p", { class: "alert alert-danger popup-error", role: "alert", "data-testid": "popup-error" });
    root.prepend(line);
  }
  line.textContent = errorText(e);
}

// `#calls=<id>` (opened by `wallet_showCallsStatus`) shows that batch instead.
if (!showCallsStatusRoute(root)) void render();
