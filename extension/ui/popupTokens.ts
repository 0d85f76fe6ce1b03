import { formatAmount } from "./amount.js";
import { el, hostCall } from "./client.js";
import { addressText, emptyState, errorText, initialBadge } from "./popupParts.js";
import type { PopupContext } from "./popupViews.js";

/** Watched tokens on the popup's chain with the account's balances, read from the chain itself. */
export async function tokensTab(ctx: PopupContext, box: HTMLElement): Promise<void> {
  let tokens: Awaited<ReturnType<typeof hostCall<"vaughan_tokens">>>;
  try {
    tokens = await hostCall("vaughan_tokens", [ctx.chain.chainId, ctx.status.selected]);
  } catch (error) {
    box.replaceChildren(
      el(
        "p",
        { class: "alert alert-danger tab-alert", role: "alert" },
        `Tokens unavailable. ${errorText(error)}`,
      ),
    );
    return;
  }
  if (tokens.length === 0) {
    box.replaceChildren(
      emptyState(
        `No tokens watched on ${ctx.chain.name}`,
        "When a site asks to add a token and you approve it, the token appears here with your balance.",
        "tokens-empty",
      ),
    );
    return;
  }
  const list = el("ul", { class: "list" });
  for (const token of tokens) {
    const amount =
      token.balance === null
        ? el("span", { class: "row-error", title: token.error ?? "" }, "Balance unavailable")
        : el("span", { class: "amount" }, formatAmount(token.balance, token.decimals), " ", token.symbol);
    list.append(
      el(
        "li",
        {
          class: "list-row",
          "data-testid": "token",
          "data-address": token.address,
          ...(token.balance === null ? {} : { "data-balance": token.balance }),
        },
        initialBadge(token.symbol),
        el(
          "div",
          { class: "row-main" },
          el("div", { class: "row-title" }, token.symbol),
          el("div", { class: "row-sub" }, addressText(token.address)),
        ),
        el("div", { class: "row-end" }, amount),
      ),
    );
  }
  box.replaceChildren(list);
}
