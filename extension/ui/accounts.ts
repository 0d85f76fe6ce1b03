/** The Accounts screen: add the next derived account, rename, hide or show; imports are CLI-only. */
import type { UiAccount, WalletStatus } from "../../protocol/ui.js";
import { el, hostCall } from "./client.js";
import { identicon } from "./identicon.js";
import { addressText, commandLine, input, messageOf, statusLine } from "./screenParts.js";
import { unlockForm } from "./unlockForm.js";

export async function renderAccounts(container: HTMLElement): Promise<void> {
  const status = await hostCall("vaughan_status");
  if (!status.hasVault) {
    container.replaceChildren(
      el("p", { class: "empty" }, "No wallet yet. Create one with the command below."),
      commandLine("vaughan-host init"),
    );
    return;
  }
  if (status.locked) {
    container.replaceChildren(
      unlockForm(() => renderAccounts(container), [el("h2", {}, "Unlock to manage accounts")]),
    );
    return;
  }
  const showHidden = container.dataset.showHidden === "true";
  const result = statusLine("accounts-result");
  const list = el("ul", { class: "list card", "data-testid": "account-list" });
  for (const account of status.accounts) {
    if (account.hidden && !showHidden) continue;
    list.append(accountRow(container, status, account, result));
  }
  const name = input({
    placeholder: `Account ${status.accounts.length + 1}`,
    maxlength: "64",
    "data-testid": "new-account-name",
    "aria-label": "Name of the new account",
  });
  const add = el(
    "button",
    { type: "submit", class: "btn btn-primary", "data-testid": "add-account" },
    "Add account",
  );
  const form = el("form", { class: "inline-form" }, name, add);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    add.setAttribute("disabled", "");
    try {
      const added = await hostCall("vaughan_addAccount", name.value.trim() ? [name.value.trim()] : []);
      result.textContent = `Added ${added.name}.`;
      await renderAccounts(container);
    } catch (e) {
      result.textContent = messageOf(e);
      add.removeAttribute("disabled");
    }
  });
  const hiddenCount = status.accounts.filter((a) => a.hidden).length;
  const toggle = el(
    "button",
    { type: "button", class: "btn btn-ghost btn-sm", "data-testid": "toggle-hidden" },
    showHidden ? "Hide hidden accounts" : `Show hidden accounts (${hiddenCount})`,
  );
  toggle.addEventListener("click", () => {
    container.dataset.showHidden = String(!showHidden);
    void renderAccounts(container);
  });
  const selected = status.selected ?? status.accounts[0]?.address ?? "0x…";
  container.replaceChildren(
    el("h2", {}, "Accounts"),
    el(
      "p",
      { class: "hint" },
      "Accounts derive from your recovery phrase. Hidden accounts are never offered to sites and are never deleted.",
    ),
    list,
    ...(hiddenCount > 0 ? [toggle] : []),
    form,
    result,
    el("h3", {}, "Import, export and back up — in a terminal"),
    el(
      "p",
      { class: "hint" },
      "Private keys, keystores and the recovery phrase never enter the browser. Run these where the wallet's host is installed:",
    ),
    el("p", { class: "label" }, "Import a private key from a file"),
    commandLine("vaughan-host accounts import --private-key-file key.txt", "import-key-command"),
    el("p", { class: "label" }, "Import a keystore (JSON v3)"),
    commandLine(
      "vaughan-host accounts import --keystore-file keystore.json --keystore-password-file pw.txt",
      "import-keystore-command",
    ),
    el("p", { class: "label" }, "Export the selected account as a keystore"),
    commandLine(
      `vaughan-host export-keystore --address ${selected} --password-file pw.txt > keystore.json`,
      "export-keystore-command",
    ),
    el("p", { class: "label" }, "Show the recovery phrase"),
    commandLine("vaughan-host reveal-phrase", "reveal-phrase-command"),
  );
}

function accountRow(
  container: HTMLElement,
  status: WalletStatus,
  account: UiAccount,
  result: HTMLElement,
): HTMLElement {
  const isSelected = account.address === status.selected;
  const rename = el(
    "button",
    { type: "button", class: "btn btn-ghost btn-sm", "data-testid": "rename-account" },
    "Rename",
  );
  const hide = el(
    "button",
    {
      type: "button",
      class: "btn btn-ghost btn-sm",
      "data-testid": account.hidden ? "show-account" : "hide-account",
    },
    account.hidden ? "Show" : "Hide",
  );
  const title = el(
    "span",
    { class: "row-title" },
    account.name,
    ...(isSelected ? [" ", el("span", { class: "chip chip-confirmed" }, "Selected")] : []),
    ...(account.hidden ? [" ", el("span", { class: "chip chip-cancelled" }, "Hidden")] : []),
  );
  const main = el(
    "div",
    { class: "row-main" },
    title,
    el("span", { class: "row-sub" }, addressText(account.address, "account-row-address")),
  );
  const row = el(
    "li",
    { class: "list-row", "data-testid": "account-row", "data-address": account.address },
    identicon(account.address, 32),
    main,
    el("div", { class: "row-actions" }, rename, hide),
  );
  rename.addEventListener("click", () => {
    const name = input({
      value: account.name,
      maxlength: "64",
      "data-testid": "rename-input",
      "aria-label": `New name for ${account.name}`,
    });
    const save = el(
      "button",
      { type: "submit", class: "btn btn-primary btn-sm", "data-testid": "rename-save" },
      "Save",
    );
    const form = el("form", { class: "inline-form" }, name, save);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        await hostCall("vaughan_renameAccount", [account.address, name.value]);
        await renderAccounts(container);
      } catch (e) {
        result.textContent = messageOf(e);
      }
    });
    main.replaceChildren(form, el("span", { class: "row-sub" }, addressText(account.address)));
    name.focus();
  });
  hide.addEventListener("click", async () => {
    try {
      await hostCall("vaughan_setAccountHidden", [account.address, !account.hidden]);
      result.textContent = account.hidden
        ? `${account.name} is shown again.`
        : `${account.name} is hidden: sites no longer see it.`;
      await renderAccounts(container);
      container.querySelector('[data-testid="accounts-result"]')?.replaceChildren(result.textContent ?? "");
    } catch (e) {
      result.textContent = messageOf(e);
    }
  });
  return row;
}
