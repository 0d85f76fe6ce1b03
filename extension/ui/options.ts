/**
 * The options page: Accounts, Networks, Send and Settings, one section each, chosen by the URL's
 * hash (`options.html#send`), so the popup can link straight to a screen.
 */
import { renderAccounts } from "./accounts.js";
import { el } from "./client.js";
import { renderNetworks } from "./networks.js";
import { messageOf } from "./screenParts.js";
import { renderSend } from "./send.js";
import { renderSettings } from "./settings.js";

/** Each screen renders into the container it is given; popup.ts can mount the same functions. */
export const SCREENS = {
  accounts: { label: "Accounts", render: renderAccounts },
  networks: { label: "Networks", render: renderNetworks },
  send: { label: "Send", render: renderSend },
  settings: { label: "Settings", render: renderSettings },
} as const;
type ScreenName = keyof typeof SCREENS;

const root = document.getElementById("app") as HTMLElement;

function current(): ScreenName {
  const name = location.hash.slice(1);
  return Object.hasOwn(SCREENS, name) ? (name as ScreenName) : "settings";
}

async function show(): Promise<void> {
  const name = current();
  const tabs = el("nav", { class: "tabs", role: "tablist", "aria-label": "Sections" });
  for (const [key, screen] of Object.entries(SCREENS)) {
    const tab = el(
      "a",
      {
        href: `#${key}`,
        class: "tab",
        role: "tab",
        "aria-selected": String(key === name),
        "data-testid": `tab-${key}`,
      },
      screen.label,
    );
    tabs.append(tab);
  }
  const panel = el(
    "section",
    { class: "panel", role: "tabpanel", "data-testid": `screen-${name}` },
    el("div", { class: "skeleton-row" }),
  );
  root.replaceChildren(el("header", { class: "page-head" }, el("h1", {}, "Vaughan"), tabs), panel);
  try {
    await SCREENS[name].render(panel);
  } catch (e) {
    panel.replaceChildren(
      el(
        "div",
        { class: "alert alert-danger", role: "alert" },
        `Could not load this section: ${messageOf(e)}. Is the host running? Try \`vaughan-host status\`.`,
      ),
    );
  }
}

window.addEventListener("hashchange", () => void show());
void show();
