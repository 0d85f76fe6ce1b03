/** Options: transport, pairing for the WebSocket fallback, auto-lock. */
import { metamaskCompat, setMetaMaskCompat } from "../shared/metamaskCompat.js";
import { el, hostCall, send, UiCallError } from "./client.js";

const root = document.getElementById("app") as HTMLElement;

async function render(): Promise<void> {
  const { status: transport, reason, hint } = await send({ type: "transport" });
  const code = el("input", {
    "data-testid": "pairing-code",
    placeholder: "XXXX-XXXX",
    autocomplete: "off",
  }) as HTMLInputElement;
  const result = el("p", { "data-testid": "pairing-result", role: "status" });
  const pair = el(
    "form",
    {},
    code,
    el("button", { type: "submit", "data-testid": "pair-submit" }, "Pair"),
    result,
  );
  pair.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await send({ type: "pair", code: code.value.trim() });
      result.textContent = "Paired.";
      await render();
    } catch (e) {
      result.textContent = e instanceof UiCallError ? e.message : "Pairing failed";
    }
  });
  const minutes = el("input", {
    type: "number",
    min: "1",
    max: "1440",
    "data-testid": "auto-lock",
  }) as HTMLInputElement;
  const save = el("button", { "data-testid": "auto-lock-save" }, "Save");
  const saved = el("span", { "data-testid": "auto-lock-result", role: "status" });
  save.addEventListener("click", () => {
    // The host validates too; checking here gives the reason in words instead of -32602.
    const value = Number(minutes.value);
    if (!Number.isInteger(value) || value < 1 || value > 1440) {
      saved.textContent = " Enter whole minutes from 1 to 1440.";
      return;
    }
    hostCall("vaughan_setAutoLock", [value]).then(
      () => {
        saved.textContent = ` Saved: the wallet locks after ${value} idle minutes.`;
      },
      (e) => {
        saved.textContent = ` ${e instanceof UiCallError ? e.message : "Could not save"}`;
      },
    );
  });
  if (transport !== "disconnected") {
    const status = await hostCall("vaughan_status");
    minutes.value = String(status.autoLockMinutes);
  } else {
    // The setting lives in the host; without a connection there is nothing to read or save.
    minutes.disabled = true;
    (save as HTMLButtonElement).disabled = true;
  }
  const compat = el("input", {
    type: "checkbox",
    id: "metamask-compat",
    "data-testid": "metamask-compat",
  }) as HTMLInputElement;
  compat.checked = await metamaskCompat();
  const compatSaved = el("span", { "data-testid": "metamask-compat-result", role: "status" });
  compat.addEventListener("change", () => {
    const on = compat.checked;
    compatSaved.textContent = "";
    setMetaMaskCompat(on).then(
      () => {
        compatSaved.textContent = ` Saved: pages loaded from now on ${on ? "see" : "do not see"} isMetaMask.`;
      },
      (e: unknown) => {
        compatSaved.textContent = ` Could not save: ${(e as Error).message}`;
      },
    );
  });
  root.replaceChildren(
    el("h1", {}, "Vaughan"),
    el("p", {}, "Transport: ", el("strong", { "data-testid": "transport-status" }, transport)),
    el("p", { "data-testid": "transport-reason" }, reason ? `${reason} ${hint ?? ""}` : ""),
    el("h2", {}, "Pair over the WebSocket"),
    el(
      "p",
      {},
      "Where native messaging cannot work (Snap, Flatpak), run `vaughan-host pair` and enter the code here.",
    ),
    pair,
    el("h2", {}, "Auto-lock"),
    el("label", {}, "Lock after ", minutes, " idle minutes "),
    save,
    saved,
    el("h2", {}, "MetaMask compatibility"),
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
    el("p", {}, "Sites that list wallets by name (EIP-6963) always see Vaughan."),
  );
}

void render();
