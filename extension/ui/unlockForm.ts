import { el, hostCall, UiCallError } from "./client.js";

/**
 * The unlock form of the popup and the approval window (test ids `unlock-password` and
 * `unlock-submit` in docs/interface.md). The password goes to the host and nowhere else; the field is
 * emptied once it is used, and a wrong password is said in the form.
 */
export function unlockForm(onUnlocked: () => void | Promise<void>, ...intro: HTMLElement[]): HTMLFormElement {
  const password = el("input", {
    class: "input",
    type: "password",
    "data-testid": "unlock-password",
    autocomplete: "current-password",
  }) as HTMLInputElement;
  const error = el("p", { class: "error", role: "alert" });
  const submit = el(
    "button",
    { class: "btn btn-primary", type: "submit", "data-testid": "unlock-submit" },
    "Unlock",
  );
  const form = el("form", {}, ...intro, password, submit, error) as HTMLFormElement;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.setAttribute("disabled", "");
    try {
      await hostCall("vaughan_unlock", [password.value]);
      password.value = "";
      await onUnlocked();
    } catch (e) {
      error.textContent = e instanceof UiCallError ? e.message : "Could not unlock";
      submit.removeAttribute("disabled");
    }
  });
  return form;
}
