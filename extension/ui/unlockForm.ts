import type { AccountDelegation } from "../../protocol/ui.js";
import { el, hostCall, UiCallError } from "./client.js";

/** How long a successful unlock waits for the delegation check before going on without it. */
const DELEGATION_WAIT_MS = 3000;

export interface UnlockOptions {
  /**
   * The chain whose EIP-7702 delegations are shown once unlocked (the approval's, the popup's);
   * the default chain when absent.
   */
  chainId?: () => Promise<number | undefined>;
}

/**
 * The unlock form of the popup, the approval window and the options page (test ids
 * `unlock-password` and `unlock-submit` in docs/interface.md). The password goes to the host
 * and nowhere else; the field is emptied once it is used, and a wrong password is said in the
 * form. Once unlocked, an account whose code is an EIP-7702 delegation is named with its
 * delegate before anything else (`unlock-delegation`), and the person goes on with Continue.
 */
export function unlockForm(
  onUnlocked: () => void | Promise<void>,
  intro: readonly HTMLElement[] = [],
  options: UnlockOptions = {},
): HTMLFormElement {
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
    } catch (e) {
      error.textContent = e instanceof UiCallError ? e.message : "Could not unlock";
      submit.removeAttribute("disabled");
      return;
    }
    const delegated = await delegatedAccounts(options);
    if (delegated.length === 0) {
      await onUnlocked();
      return;
    }
    form.replaceChildren(...delegationStep(delegated, onUnlocked));
    form.querySelector<HTMLButtonElement>('[data-testid="unlock-continue"]')?.focus();
  });
  return form;
}

interface Delegated {
  address: string;
  name: string | undefined;
  delegate: string;
}

/**
 * The accounts whose code on the chain is a delegation. Not knowing (a slow or unreachable
 * node) is no reason to hold the person up: after DELEGATION_WAIT_MS, or on an error, none.
 */
async function delegatedAccounts(options: UnlockOptions): Promise<Delegated[]> {
  const ask = async (): Promise<Delegated[]> => {
    const chainId = await options.chainId?.();
    const [delegations, status] = await Promise.all([
      hostCall("vaughan_delegations", chainId === undefined ? [] : [chainId]),
      hostCall("vaughan_status"),
    ]);
    const names = new Map(status.accounts.map((a) => [a.address.toLowerCase(), a.name]));
    return delegations
      .filter((d): d is AccountDelegation & { delegate: string } => d.delegate !== null)
      .map((d) => ({ address: d.address, name: names.get(d.address.toLowerCase()), delegate: d.delegate }));
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Delegated[]>((resolve) => {
    timer = setTimeout(() => resolve([]), DELEGATION_WAIT_MS);
  });
  try {
    return await Promise.race([ask().catch(() => []), late]);
  } finally {
    clearTimeout(timer);
  }
}

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/**
 * A delegated account runs the delegate's code for anyone who calls it: whoever wrote that code
 * can move the account's funds. Said at unlock, before the person goes on, so a delegation made
 * elsewhere (another wallet, a phishing signature) does not go unseen.
 */
function delegationStep(
  delegated: readonly Delegated[],
  onUnlocked: () => void | Promise<void>,
): HTMLElement[] {
  const notices = delegated.map((d) =>
    el(
      "p",
      {
        class: "alert alert-caution unlock-delegation",
        role: "alert",
        "data-testid": "unlock-delegation",
        "data-address": d.address,
        "data-delegate": d.delegate,
        title: `Delegate: ${d.delegate}`,
      },
      `${d.name ? `${d.name} (${short(d.address)})` : short(d.address)} delegates its code to ${d.delegate} (EIP-7702). That contract runs for anyone who calls the account and can move its funds. If you did not set this up, move your funds to another account.`,
    ),
  );
  const next = el(
    "button",
    { type: "button", class: "btn btn-primary", "data-testid": "unlock-continue" },
    "Continue",
  ) as HTMLButtonElement;
  next.addEventListener("click", () => {
    next.setAttribute("disabled", "");
    void onUnlocked();
  });
  return [
    el("h2", {}, delegated.length === 1 ? "A delegated account" : "Delegated accounts"),
    ...notices,
    next,
  ];
}
