/** The toolbar popup: transport, lock state, accounts, the current site's chain, connected sites. */
import browser from "webextension-polyfill";
import type { WalletStatus } from "../../protocol/ui.js";
import { showCallsStatusRoute } from "./callsStatus.js";
import { el, hostCall, send, UiCallError } from "./client.js";
import { unlockForm } from "./unlockForm.js";

const root = document.getElementById("app") as HTMLElement;

async function render(): Promise<void> {
  const { status: transport, reason, hint } = await send({ type: "transport" });
  const parts: HTMLElement[] = [
    el("p", {}, "Transport: ", el("strong", { "data-testid": "transport-status" }, transport)),
  ];
  if (transport === "disconnected") {
    parts.push(
      el("p", { class: "error" }, "The Vaughan host is not reachable. Run `vaughan-host status` for help."),
    );
    if (reason) parts.push(el("p", { "data-testid": "transport-reason" }, reason, " ", hint ?? ""));
    root.replaceChildren(...parts);
    return;
  }
  const status = await hostCall("vaughan_status");
  const state = !status.hasVault ? "no wallet" : status.locked ? "locked" : "unlocked";
  parts.push(el("p", {}, "Wallet: ", el("strong", { "data-testid": "wallet-status" }, state)));
  if (!status.hasVault) {
    parts.push(el("p", {}, "No wallet yet. Create one with `vaughan-host init`."));
  } else if (status.locked) {
    parts.push(unlockForm(render));
  } else {
    parts.push(
      el("p", {}, "Account: ", el("code", { "data-testid": "account-address" }, status.selected ?? "")),
      accountPicker(status),
      siteChain(),
      await sites(),
      button(
        "Lock",
        async () => {
          await hostCall("vaughan_lock");
        },
        { "data-testid": "lock" },
      ),
    );
  }
  parts.push(settingsLink());
  root.replaceChildren(...parts);
}

/** Auto-lock and pairing live on the options page; the popup only links there. */
function settingsLink(): HTMLElement {
  const link = el("a", { href: "#", "data-testid": "open-options" }, "Settings (auto-lock, pairing)");
  link.addEventListener("click", (event) => {
    event.preventDefault();
    void browser.runtime.openOptionsPage();
  });
  return el("p", {}, link);
}

/** Shows a failed action's message where the person is looking, instead of dropping it. */
function showError(e: unknown): void {
  const message = e instanceof UiCallError || e instanceof Error ? e.message : "Something went wrong";
  let line = root.querySelector<HTMLElement>("[data-testid=popup-error]");
  if (!line) {
    line = el("p", { class: "error", role: "alert", "data-testid": "popup-error" });
    root.append(line);
  }
  line.textContent = message;
}

function button(label: string, action: () => Promise<void>, attrs: Record<string, string> = {}): HTMLElement {
  const b = el("button", attrs, label);
  b.addEventListener("click", () => void action().then(render, showError));
  return b;
}

function accountPicker(status: WalletStatus): HTMLElement {
  const select = el("select", { "data-testid": "account-select" }) as HTMLSelectElement;
  for (const a of status.accounts) {
    const option = el(
      "option",
      { value: a.address },
      `${a.name} ${a.address.slice(0, 8)}…`,
    ) as HTMLOptionElement;
    option.selected = a.address === status.selected;
    select.append(option);
  }
  select.addEventListener(
    "change",
    () => void hostCall("vaughan_selectAccount", [select.value]).then(render, showError),
  );
  // Not `button()`: re-rendering would wipe the "Copied" confirmation at once.
  const copy = el("button", { "data-testid": "copy-address" }, "Copy");
  copy.addEventListener("click", () => {
    navigator.clipboard.writeText(status.selected ?? "").then(() => {
      copy.textContent = "Copied";
    }, showError);
  });
  const add = button(
    "Add account",
    async () => {
      await hostCall("vaughan_addAccount");
    },
    { "data-testid": "add-account" },
  );
  return el("div", {}, select, copy, add);
}

function siteChain(): HTMLElement {
  const line = el("p", { "data-testid": "site-chain" });
  void browser.tabs.query({ active: true, currentWindow: true }).then(async ([tab]) => {
    if (!tab?.url) return;
    const origin = new URL(tab.url).origin;
    if (!origin.startsWith("http")) return;
    const chain = await hostCall("vaughan_siteChain", [origin]);
    if (chain) line.textContent = `${origin} is on ${chain.name} (${chain.chainId})`;
  });
  return line;
}

async function sites(): Promise<HTMLElement> {
  const list = await hostCall("vaughan_sites");
  const ul = el("ul", { class: "sites" });
  for (const site of list) {
    ul.append(
      el(
        "li",
        {},
        el("span", { "data-testid": "site" }, site.origin),
        button(
          "Revoke",
          async () => {
            await hostCall("vaughan_revoke", [site.origin]);
          },
          { "data-testid": "revoke" },
        ),
      ),
    );
  }
  return el("section", {}, el("h3", {}, "Connected sites"), list.length > 0 ? ul : el("p", {}, "None"));
}

// `#calls=<id>` (opened by `wallet_showCallsStatus`) shows that batch instead.
if (!showCallsStatusRoute(root)) void render();
