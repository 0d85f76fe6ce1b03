/** The Networks screen: list, add (checked by the host as EIP-3085's are), edit, remove, default. */
import type { UiChain } from "../../protocol/ui.js";
import { el, hostCall } from "./client.js";
import { field, input, messageOf, statusLine } from "./screenParts.js";

export async function renderNetworks(container: HTMLElement): Promise<void> {
  const { defaultChainId, chains } = await hostCall("vaughan_chains");
  const result = statusLine("networks-result");
  const list = el("ul", { class: "list card", "data-testid": "network-list" });
  for (const chain of chains)
    list.append(chainRow(container, chain, chain.chainId === defaultChainId, result));
  container.replaceChildren(
    el("h2", {}, "Networks"),
    el(
      "p",
      { class: "hint" },
      "Each site stays on its own network. The default is where a newly connected site starts; changing it moves no connected site.",
    ),
    list,
    result,
    addForm(container),
  );
}

function chainRow(
  container: HTMLElement,
  chain: UiChain,
  isDefault: boolean,
  result: HTMLElement,
): HTMLElement {
  const sites = chain.sites.length;
  const title = el(
    "span",
    { class: "row-title" },
    chain.name,
    " ",
    el("span", { class: "pill" }, `${chain.chainId}`),
    ...(isDefault
      ? [" ", el("span", { class: "chip chip-confirmed", "data-testid": "default-chain" }, "Default")]
      : []),
  );
  const sub = el(
    "span",
    { class: "row-sub" },
    chain.rpcUrl,
    sites > 0 ? ` · ${sites} connected site${sites === 1 ? "" : "s"}` : "",
  );
  const actions = el("div", { class: "row-actions" });
  const edit = el(
    "button",
    { type: "button", class: "btn btn-ghost btn-sm", "data-testid": "edit-network" },
    "Edit",
  );
  actions.append(edit);
  if (!isDefault) {
    const makeDefault = el(
      "button",
      { type: "button", class: "btn btn-ghost btn-sm", "data-testid": "make-default" },
      "Make default",
    );
    makeDefault.addEventListener("click", () =>
      act(
        container,
        result,
        () => hostCall("vaughan_setDefaultChain", [chain.chainId]),
        `${chain.name} is the default for newly connected sites.`,
      ),
    );
    const remove = el(
      "button",
      { type: "button", class: "btn btn-ghost btn-sm", "data-testid": "remove-network" },
      "Remove",
    );
    // The host refuses too; saying why here saves a round trip.
    if (sites > 0) {
      remove.setAttribute("disabled", "");
      remove.title = `In use by ${chain.sites.join(", ")}`;
    }
    remove.addEventListener("click", () =>
      act(
        container,
        result,
        () => hostCall("vaughan_removeChain", [chain.chainId]),
        `Removed ${chain.name}.`,
      ),
    );
    actions.append(makeDefault, remove);
  }
  const main = el("div", { class: "row-main" }, title, sub);
  const row = el(
    "li",
    { class: "list-row", "data-testid": "network", "data-chain-id": String(chain.chainId) },
    el("span", { class: "row-icon", "aria-hidden": "true" }, chain.symbol.slice(0, 3)),
    main,
    actions,
  );
  edit.addEventListener("click", () => {
    const rpc = input({ value: chain.rpcUrl, type: "url", "data-testid": "edit-rpc-url" });
    const explorer = input({
      value: chain.blockExplorerUrl ?? "",
      type: "url",
      placeholder: "https://…",
      "data-testid": "edit-explorer-url",
    });
    const save = el(
      "button",
      { type: "submit", class: "btn btn-primary btn-sm", "data-testid": "edit-save" },
      "Save",
    );
    const cancel = el("button", { type: "button", class: "btn btn-secondary btn-sm" }, "Cancel");
    cancel.addEventListener("click", () => void renderNetworks(container));
    const form = el(
      "form",
      { class: "stack" },
      field("RPC URL", rpc, "Checked: it must answer with this chain's id."),
      field("Block explorer URL", explorer, "Optional, https."),
      el("div", { class: "row-actions" }, cancel, save),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      save.setAttribute("disabled", "");
      const blockExplorerUrl = explorer.value.trim() === "" ? null : explorer.value.trim();
      void act(
        container,
        result,
        () =>
          hostCall("vaughan_editChain", [
            { chainId: chain.chainId, rpcUrl: rpc.value.trim(), blockExplorerUrl },
          ]),
        `Saved ${chain.name}.`,
      ).finally(() => save.removeAttribute("disabled"));
    });
    main.replaceChildren(title, form);
    rpc.focus();
  });
  return row;
}

function addForm(container: HTMLElement): HTMLElement {
  const chainId = input({ inputmode: "numeric", placeholder: "8453", "data-testid": "network-chain-id" });
  const name = input({ placeholder: "Base", maxlength: "128", "data-testid": "network-name" });
  const symbol = input({ placeholder: "ETH", maxlength: "6", value: "ETH", "data-testid": "network-symbol" });
  const rpc = input({ type: "url", placeholder: "https://…", "data-testid": "network-rpc-url" });
  const explorer = input({
    type: "url",
    placeholder: "https://… (optional)",
    "data-testid": "network-explorer-url",
  });
  const add = el(
    "button",
    { type: "submit", class: "btn btn-primary", "data-testid": "add-network" },
    "Add network",
  );
  const result = statusLine("add-network-result");
  const form = el(
    "form",
    { class: "card stack", "data-testid": "add-network-form" },
    el("h3", {}, "Add a network"),
    el("div", { class: "grid-2" }, field("Chain ID", chainId), field("Currency symbol", symbol)),
    field("Network name", name),
    field(
      "RPC URL",
      rpc,
      "https, or http to this computer. The wallet asks it for its chain ID before saving, following no redirect.",
    ),
    field("Block explorer URL", explorer),
    add,
    result,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const id = Number(chainId.value.trim());
    if (!Number.isSafeInteger(id) || id <= 0) {
      result.textContent = "Enter the chain ID as a whole number (8453, not 0x2105).";
      return;
    }
    add.setAttribute("disabled", "");
    result.textContent = "Checking the endpoint…";
    try {
      const added = await hostCall("vaughan_addChain", [
        {
          chainId: id,
          name: name.value.trim() || `Chain ${id}`,
          symbol: symbol.value.trim() || "ETH",
          rpcUrl: rpc.value.trim(),
          ...(explorer.value.trim() ? { blockExplorerUrl: explorer.value.trim() } : {}),
        },
      ]);
      await renderNetworks(container);
      container.querySelector('[data-testid="networks-result"]')?.replaceChildren(`Added ${added.name}.`);
    } catch (e) {
      result.textContent = messageOf(e);
      add.removeAttribute("disabled");
    }
  });
  return form;
}

async function act(
  container: HTMLElement,
  result: HTMLElement,
  call: () => Promise<unknown>,
  done: string,
): Promise<void> {
  try {
    await call();
    await renderNetworks(container);
    container.querySelector('[data-testid="networks-result"]')?.replaceChildren(done);
  } catch (e) {
    result.textContent = messageOf(e);
  }
}
