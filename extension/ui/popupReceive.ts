import { el } from "./client.js";
import { icon } from "./icons.js";
import { identicon } from "./identicon.js";
import type { PopupView } from "./popupViews.js";

/** Receive: the selected account's address in full, to copy, with the chain it is shown for. */
export const receiveView: PopupView = {
  title: "Receive",
  render(ctx) {
    const address = ctx.status.selected;
    const name = ctx.status.accounts.find((a) => a.address === address)?.name ?? "Account";
    const copy = el(
      "button",
      { class: "btn btn-primary btn-block", type: "button" },
      icon("copy"),
      "Copy address",
    );
    copy.addEventListener("click", () => {
      navigator.clipboard.writeText(address).then(() => {
        copy.replaceChildren(icon("check"), "Copied");
      }, ctx.showError);
    });
    return el(
      "section",
      { class: "receive" },
      identicon(address, 64),
      el("p", { class: "receive-name" }, name),
      el("p", { class: "receive-address", "data-testid": "receive-address" }, address),
      el(
        "p",
        { class: "hint" },
        `Send only ${ctx.chain.symbol} and tokens on ${ctx.chain.name} (chain ${ctx.chain.chainId}) to this address.`,
      ),
      copy,
    );
  },
};
