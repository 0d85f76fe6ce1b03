/** The Settings screen: auto-lock, log retention, simulation, MetaMask compatibility, pairing, transport. */
import { LOG_RETENTION_DAYS_MAX } from "../../protocol/ui.js";
import { metamaskCompat, setMetaMaskCompat } from "../common/metamaskCompat.js";
import { el, hostCall, send } from "./client.js";
import { field, input, messageOf, statusLine } from "./screenParts.js";

export async function renderSettings(container: HTMLElement): Promise<void> {
  const { status: transport, reason, hint } = await send({ type: "transport" });
  const connected = transport !== "disconnected";
  const settings = connected ? await hostCall("vaughan_settings") : null;

  const minutes = input({
    type: "number",
    min: "1",
    max: "1440",
    "data-testid": "auto-lock",
    value: String(settings?.autoLockMinutes ?? ""),
  });
  const saveMinutes = el(
    "button",
    { type: "button", class: "btn btn-secondary", "data-testid": "auto-lock-save" },
    "Save",
  );
  const minutesResult = statusLine("auto-lock-result");
  saveMinutes.addEventListener("click", () => {
    // The host validates too; checking here gives the reason in words instead of -32602.
    const value = Number(minutes.value);
    if (!Number.isInteger(value) || value < 1 || value > 1440) {
      minutesResult.textContent = "Enter whole minutes from 1 to 1440.";
      return;
    }
    hostCall("vaughan_setAutoLock", [value]).then(
      () => {
        minutesResult.textContent = `Saved: the wallet locks after ${value} idle minutes.`;
      },
      (e) => {
        minutesResult.textContent = messageOf(e);
      },
    );
  });

  const days = input({
    type: "number",
    min: "1",
    max: String(LOG_RETENTION_DAYS_MAX),
    "data-testid": "log-retention",
    value: String(settings?.logRetentionDays ?? ""),
  });
  const saveDays = el(
    "button",
    { type: "button", class: "btn btn-secondary", "data-testid": "log-retention-save" },
    "Save",
  );
  const daysResult = statusLine("log-retention-result");
  saveDays.addEventListener("click", () => {
    const value = Number(days.value);
    if (!Number.isInteger(value) || value < 1 || value > LOG_RETENTION_DAYS_MAX) {
      daysResult.textContent = `Enter whole days from 1 to ${LOG_RETENTION_DAYS_MAX}.`;
      return;
    }
    hostCall("vaughan_setLogRetention", [value]).then(
      () => {
        daysResult.textContent = `Saved: the log forgets which sites used the wallet after ${value} days.`;
      },
      (e) => {
        daysResult.textContent = messageOf(e);
      },
    );
  });
  const simulate = el("input", {
    type: "checkbox",
    id: "simulate",
    "data-testid": "simulate",
  }) as HTMLInputElement;
  simulate.checked = connected ? await hostCall("vaughan_getSimulate") : false;
  const simulateSaved = statusLine("simulate-result");
  simulate.addEventListener("change", () => {
    const on = simulate.checked;
    simulateSaved.textContent = "";
    hostCall("vaughan_setSimulate", [on]).then(
      () => {
        simulateSaved.textContent = on
          ? "Saved: transactions are simulated on the network's node before you approve."
          : "Saved: the node is asked nothing before you approve, and approval windows say so.";
      },
      (e) => {
        simulate.checked = !on;
        simulateSaved.textContent = messageOf(e);
      },
    );
  });

  if (!connected) {
    // The settings live in the host; without a connection there is nothing to read or save.
    for (const control of [minutes, saveMinutes, days, saveDays, simulate])
      control.setAttribute("disabled", "");
  }

  const compat = el("input", {
    type: "checkbox",
    id: "metamask-compat",
    "data-testid": "metamask-compat",
  }) as HTMLInputElement;
  compat.checked = await metamaskCompat();
  const compatSaved = el("span", { "data-testid": "metamask-compat-result", role: "status", class: "hint" });
  compat.addEventListener("change", () => {
    const on = compat.checked;
    compatSaved.textContent = "";
    setMetaMaskCompat(on).then(
      () => {
        compatSaved.textContent = ` Saved: pages loaded from now on ${on ? "see" : "do not see"} isMetaMask.`;
      },
      (e: unknown) => {
        compatSaved.textContent = ` Could not save: ${messageOf(e)}`;
      },
    );
  });

  const code = input({ "data-testid": "pairing-code", placeholder: "XXXX-XXXX" });
  const pairResult = el("p", { "data-testid": "pairing-result", role: "status", class: "hint" });
  const pair = el(
    "form",
    { class: "inline-form" },
    code,
    el("button", { type: "submit", class: "btn btn-secondary", "data-testid": "pair-submit" }, "Pair"),
  );
  pair.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await send({ type: "pair", code: code.value.trim() });
      pairResult.textContent = "Paired.";
      await renderSettings(container);
    } catch (e) {
      pairResult.textContent = messageOf(e) || "Pairing failed";
    }
  });

  const dot = transport === "disconnected" ? "dot-off" : transport === "websocket" ? "dot-warn" : "dot-ok";
  container.replaceChildren(
    el("h2", {}, "Settings"),
    el(
      "section",
      { class: "card stack" },
      el("h3", {}, "Connection"),
      el(
        "p",
        {},
        el("span", { class: `dot ${dot}`, "aria-hidden": "true" }),
        " Transport: ",
        el("strong", { "data-testid": "transport-status" }, transport),
      ),
      el(
        "p",
        { class: "hint", "data-testid": "transport-reason" },
        reason
          ? `${reason} ${hint ?? ""}`
          : transport === "native"
            ? "Native messaging: the browser starts the wallet's host itself."
            : transport === "websocket"
              ? "WebSocket fallback on 127.0.0.1, paired with this browser."
              : "",
      ),
      el("h3", {}, "Pair over the WebSocket"),
      el(
        "p",
        { class: "hint" },
        "Where native messaging cannot work (Snap, Flatpak), run `vaughan-host pair` and enter the code here.",
      ),
      pair,
      pairResult,
    ),
    el(
      "section",
      { class: "card stack" },
      el("h3", {}, "Security and privacy"),
      el("div", { class: "inline-form" }, field("Lock after idle minutes", minutes), saveMinutes),
      minutesResult,
      el("div", { class: "inline-form" }, field("Forget sites in the log after days", days), saveDays),
      daysResult,
      el(
        "p",
        {},
        el(
          "label",
          { for: "simulate" },
          simulate,
          " Simulate transactions on the network's own node before I approve them",
        ),
      ),
      el(
        "p",
        { class: "hint" },
        "The node that would receive the transaction runs it first; nothing else is asked.",
      ),
      simulateSaved,
    ),
    el(
      "section",
      { class: "card stack" },
      el("h3", {}, "MetaMask compatibility"),
      el(
        "p",
        {},
        el(
          "label",
          { for: "metamask-compat" },
          compat,
          " Say isMetaMask to sites, for dApps that only know MetaMask",
        ),
        compatSaved,
      ),
      el("p", { class: "hint" }, "Sites that list wallets by name (EIP-6963) always see Vaughan."),
    ),
  );
}
