import type { UiToken } from "../../protocol/ui.js";
import { formatAmount } from "./amount.js";
import { el, hostCall } from "./client.js";
import { icon } from "./icons.js";
import { addressText, emptyState, errorText, initialBadge } from "./popupParts.js";
import type { PopupContext } from "./popupViews.js";

/**
 * Watched tokens on the popup's chain with the account's balances, read from the chain itself:
 * ERC-20s first, then NFTs; "Add token" below them.
 */
export async function tokensTab(ctx: PopupContext, box: HTMLElement): Promise<void> {
  let tokens: UiToken[];
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
  const content =
    tokens.length === 0
      ? emptyState(
          `No tokens watched on ${ctx.chain.name}`,
          "Add one by its contract address, or approve a site's request to add one: it shows here with your balance.",
          "tokens-empty",
        )
      : el("ul", { class: "list" }, ...tokens.map(row));
  box.replaceChildren(content, addButton(ctx));
}

function row(token: UiToken): HTMLElement {
  const nft = token.standard !== undefined;
  const title = nft ? `${token.symbol} #${token.tokenId}` : token.symbol;
  const attrs: Record<string, string> = {
    class: "list-row",
    "data-testid": "token",
    "data-address": token.address,
  };
  if (token.balance !== null) attrs["data-balance"] = token.balance;
  if (token.standard) attrs["data-standard"] = token.standard;
  if (token.tokenId) attrs["data-token-id"] = token.tokenId;
  const badge = initialBadge(token.symbol);
  if (nft) badge.classList.add("nft-badge");
  return el(
    "li",
    attrs,
    badge,
    el(
      "div",
      { class: "row-main" },
      el("div", { class: "row-title" }, title),
      el("div", { class: "row-sub" }, ...(nft && token.name ? [token.name] : [addressText(token.address)])),
    ),
    el("div", { class: "row-end" }, amount(token)),
  );
}

/** The balance as a person reads it; for an NFT, whether (or how many) the account holds. */
function amount(token: UiToken): HTMLElement {
  if (token.balance === null)
    return el("span", { class: "row-error", title: token.error ?? "" }, "Balance unavailable");
  if (token.standard === "erc721")
    return el("span", { class: "amount" }, token.balance === "0" ? "Not held" : "Owned");
  if (token.standard === "erc1155")
    return el("span", { class: "amount" }, `× ${formatAmount(token.balance, 0)}`);
  return el("span", { class: "amount" }, formatAmount(token.balance, token.decimals), " ", token.symbol);
}

function addButton(ctx: PopupContext): HTMLElement {
  const button = el(
    "button",
    { type: "button", class: "btn btn-secondary btn-sm", "data-testid": "add-token" },
    icon("plus", 16),
    "Add token",
  );
  button.addEventListener("click", () => ctx.navigate("add-token"));
  return el("div", { class: "tokens-foot" }, button);
}
