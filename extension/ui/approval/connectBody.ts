import type { ApprovalDetails } from "../../../protocol/approvalDetails.js";
import { el } from "../client.js";
import { icon } from "../icons.js";
import { identicon } from "../identicon.js";
import type { Arming } from "./arming.js";
import { section } from "./layout.js";
import type { Body } from "./parsed.js";

/** `connect`: which accounts the site may see, and what a connection lets it do (and not do). */
export function connectBody(details: ApprovalDetails<"connect">, arming: Arming): Body {
  const boxes: HTMLInputElement[] = [];
  // Connecting with no account would fail at the host: Connect waits for one to be chosen.
  const noneChosen = () => arming.block("no-account", !boxes.some((b) => b.checked));
  const list = el(
    "fieldset",
    { class: "ap-accounts" },
    el("legend", { class: "sr-only" }, "Accounts this site may see"),
  );
  details.accounts.forEach((account, i) => {
    const id = `ap-account-${i}`;
    const box = el("input", { type: "checkbox", id, value: account.address }) as HTMLInputElement;
    box.checked = account.address.toLowerCase() === details.selected?.toLowerCase();
    boxes.push(box);
    box.addEventListener("change", noneChosen);
    list.append(
      el(
        "label",
        { class: "ap-account", for: id, title: account.address },
        box,
        identicon(account.address, 28),
        el(
          "span",
          { class: "ap-account-text" },
          el("span", { class: "ap-account-name" }, account.name),
          el(
            "span",
            { class: "addr" },
            el("span", { class: "addr-head" }, account.address.slice(0, 6)),
            el("span", { class: "addr-mid" }, account.address.slice(6, -4)),
            el("span", { class: "addr-tail" }, account.address.slice(-4)),
          ),
        ),
      ),
    );
  });
  const can = el(
    "ul",
    { class: "ap-perms" },
    el("li", {}, icon("eye", 16), "See the address of the accounts you choose, and their balances"),
    el("li", {}, icon("pen", 16), "Ask you to approve transactions and signatures"),
    el(
      "li",
      { class: "ap-perm-not" },
      icon("shield", 16),
      "It cannot move funds or sign anything without your approval",
    ),
  );
  noneChosen();
  return {
    parts: [section("Accounts", list), section("This site will be able to", can)],
    answer: () => ({ accounts: boxes.filter((b) => b.checked).map((b) => b.value) }),
  };
}
