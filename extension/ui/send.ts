/**
 * The Send screen: ETH or a watched token to an address. The host checks the recipient (look-
 * alikes of known addresses, a token's own contract) and the send goes through the same approval
 * window as a site's transaction; this page only shows what the host says.
 */
import type { SendRequest, SendWarning } from "../../protocol/ui.js";
import { el, hostCall } from "./client.js";
import { field, input, messageOf, statusLine } from "./screenParts.js";
import { unlockForm } from "./unlockForm.js";

/** `heading: false` where the frame already titles the screen (the popup's header). */
export async function renderSend(container: HTMLElement, { heading = true } = {}): Promise<void> {
  const status = await hostCall("vaughan_status");
  if (!status.hasVault || status.locked) {
    container.replaceChildren(
      status.hasVault
        ? unlockForm(() => renderSend(container, { heading }), [el("h2", {}, "Unlock to send")])
        : el("p", { class: "empty" }, "No wallet yet: run `vaughan-host init`."),
    );
    return;
  }
  const { defaultChainId, chains } = await hostCall("vaughan_chains");
  const from = el("select", { "data-testid": "send-from" }) as HTMLSelectElement;
  for (const account of status.accounts.filter((a) => !a.hidden || a.address === status.selected)) {
    const option = el(
      "option",
      { value: account.address },
      `${account.name} · ${account.address.slice(0, 6)}…${account.address.slice(-4)}`,
    ) as HTMLOptionElement;
    option.selected = account.address === status.selected;
    from.append(option);
  }
  const network = el("select", { "data-testid": "send-chain" }) as HTMLSelectElement;
  for (const chain of chains) {
    const option = el(
      "option",
      { value: String(chain.chainId) },
      `${chain.name} (${chain.chainId})`,
    ) as HTMLOptionElement;
    option.selected = chain.chainId === defaultChainId;
    network.append(option);
  }
  const asset = el("select", { "data-testid": "send-asset" }) as HTMLSelectElement;
  const fillAssets = async () => {
    const chain = chains.find((c) => c.chainId === Number(network.value));
    const tokens = await hostCall("vaughan_watchedTokens", [Number(network.value)]);
    asset.replaceChildren(
      el("option", { value: "native" }, chain?.symbol ?? "ETH"),
      ...tokens.map((t) => el("option", { value: t.address }, t.symbol)),
    );
  };
  await fillAssets();
  network.addEventListener("change", () => void fillAssets());
  const to = input({
    placeholder: "0x…",
    spellcheck: "false",
    "data-testid": "send-to",
    class: "input mono",
  });
  const amount = input({
    inputmode: "decimal",
    placeholder: "0.0",
    "data-testid": "send-amount",
    class: "input amount",
  });
  const review = el(
    "button",
    { type: "submit", class: "btn btn-primary btn-block", "data-testid": "send-review" },
    "Review",
  );
  const result = statusLine("send-result");
  const step = el("div", { class: "card stack review", "data-testid": "send-review-step", hidden: "" });
  const form = el(
    "form",
    { class: "card stack send-form" },
    field("From", from),
    field("Network", network),
    field("To", to, "Paste the address; check the first and last characters against the source."),
    el("div", { class: "grid-2" }, field("Amount", amount), field("Asset", asset)),
    review,
  );
  const request = (): SendRequest => ({
    from: from.value,
    to: to.value.trim(),
    chainId: Number(network.value),
    asset: asset.value,
    amount: amount.value.trim(),
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    step.replaceChildren();
    step.hidden = true;
    showError(result, "");
    const r = request();
    if (!/^0x[0-9a-fA-F]{40}$/.test(r.to)) {
      result.textContent = "Enter a full address: 0x followed by 40 hexadecimal characters.";
      return;
    }
    if (!/^\d{1,40}(\.\d{1,36})?$/.test(r.amount)) {
      result.textContent = "Enter the amount as a number, like 0.05.";
      return;
    }
    try {
      const warnings = await hostCall("vaughan_checkSend", [r]);
      step.replaceChildren(...confirmStep(r, warnings, asset.selectedOptions[0]?.textContent ?? "", result));
      step.hidden = false;
    } catch (e) {
      result.textContent = messageOf(e);
    }
  });
  container.replaceChildren(...(heading ? [el("h2", {}, "Send")] : []), form, step, result);
}

function confirmStep(
  request: SendRequest,
  warnings: SendWarning[],
  symbol: string,
  result: HTMLElement,
): HTMLElement[] {
  const send = el(
    "button",
    { type: "button", class: "btn btn-primary btn-block", "data-testid": "send-submit" },
    `Send ${request.amount} ${symbol}`,
  ) as HTMLButtonElement;
  const parts: HTMLElement[] = [
    el(
      "p",
      { class: "summary" },
      `Send ${request.amount} ${symbol} to `,
      el("code", { class: "mono" }, request.to),
    ),
  ];
  const danger = warnings.some((w) => w.severity === "danger");
  for (const warning of warnings) {
    parts.push(
      el(
        "div",
        {
          class: `alert alert-${warning.severity}`,
          role: warning.severity === "danger" ? "alert" : "note",
          "data-testid": "send-warning",
          "data-code": warning.code,
          "data-severity": warning.severity,
        },
        warning.message,
      ),
    );
  }
  if (danger) {
    send.disabled = true;
    const box = el("input", {
      type: "checkbox",
      id: "send-ack",
      "data-testid": "send-acknowledge",
    }) as HTMLInputElement;
    box.addEventListener("change", () => {
      send.disabled = !box.checked;
    });
    parts.push(
      el("label", { for: "send-ack", class: "ack" }, box, " I checked the address and understand the risk"),
    );
  }
  send.addEventListener("click", async () => {
    send.disabled = true;
    showError(result, "");
    result.textContent = "Confirm in the approval window…";
    try {
      const { hash } = await hostCall("vaughan_send", [request]);
      result.replaceChildren("Sent. Transaction ", el("code", { "data-testid": "send-hash" }, hash));
    } catch (e) {
      // Refused after approval (the network said no): the host's words say what to do.
      showError(result, messageOf(e));
      send.disabled = false;
    }
  });
  parts.push(el("p", { class: "hint" }, "The approval window shows the fee and asks you to confirm."), send);
  return parts;
}

/** The result line as an error (an alert, `data-state="error"`), or back to a plain status line. */
function showError(result: HTMLElement, message: string): void {
  result.textContent = message;
  result.className = message ? "alert alert-danger" : "hint";
  result.setAttribute("role", message ? "alert" : "status");
  if (message) result.dataset.state = "error";
  else delete result.dataset.state;
}
