import type { TokenFound, TokenToAdd } from "../../protocol/ui.js";
import { formatAmount } from "./amount.js";
import { el, hostCall } from "./client.js";
import { icon } from "./icons.js";
import { addressText, errorText, initialBadge } from "./popupParts.js";
import type { PopupContext, PopupView } from "./popupViews.js";
import { field, input } from "./screenParts.js";

const STANDARD_LABEL: Record<TokenFound["standard"], string> = {
  erc20: "ERC-20",
  erc721: "ERC-721",
  erc1155: "ERC-1155",
};

/**
 * Add token: a contract address (and a token ID for an NFT) on the popup's chain. The host reads
 * what the contract is and what the account holds; the person sees that and confirms, and only
 * then is it watched. Nothing typed here but the address and the id reaches the token list.
 */
export const addTokenView: PopupView = {
  title: "Add token",
  render(ctx) {
    const address = input({
      placeholder: "0x…",
      spellcheck: "false",
      autocapitalize: "off",
      "data-testid": "add-token-address",
      class: "input mono",
      required: "",
    });
    const tokenId = input({
      inputmode: "numeric",
      placeholder: "Only for an NFT",
      "data-testid": "add-token-id",
    });
    const find = el(
      "button",
      { type: "submit", class: "btn btn-primary btn-block", "data-testid": "add-token-find" },
      "Find token",
    ) as HTMLButtonElement;
    const problem = el("p", {
      class: "alert alert-danger",
      role: "alert",
      "data-testid": "add-token-error",
      hidden: "",
    });
    const found = el("div", { class: "add-token-found" });
    const form = el(
      "form",
      { class: "card stack" },
      field("Token contract address", address),
      field(
        "Token ID",
        tokenId,
        "Leave empty for an ERC-20. For an ERC-721 or ERC-1155, the ID of the token you hold.",
      ),
      find,
    );
    const intro = el(
      "p",
      { class: "hint" },
      `On ${ctx.chain.name}. Vaughan reads the token's name, symbol and decimals, and your balance, from its contract on this network.`,
    );
    const clear = () => {
      problem.hidden = true;
      found.replaceChildren();
    };
    // The found token replaces the form, as a confirmation step; Edit brings the form back.
    const showForm = () => {
      clear();
      form.hidden = false;
      intro.hidden = false;
      address.focus();
    };
    address.addEventListener("input", clear);
    tokenId.addEventListener("input", clear);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clear();
      const request = readForm(ctx, address.value, tokenId.value);
      if (typeof request === "string") return say(problem, request);
      find.disabled = true;
      find.textContent = "Reading the contract…";
      hostCall("vaughan_findToken", [request])
        .then(
          (token) => {
            form.hidden = true;
            intro.hidden = true;
            found.replaceChildren(preview(ctx, request, token, problem, showForm));
            found.querySelector<HTMLElement>("[data-testid=add-token-confirm]")?.focus();
          },
          (error) => say(problem, errorText(error)),
        )
        .finally(() => {
          find.disabled = false;
          find.textContent = "Find token";
        });
    });
    return el("section", { class: "add-token" }, intro, form, problem, found);
  },
};

/** The request from the form, or what is wrong with it in words. */
function readForm(ctx: PopupContext, address: string, tokenId: string): TokenToAdd | string {
  const trimmed = address.trim();
  if (!/^0x[0-9a-fA-F]{40}$/.test(trimmed))
    return "Enter the token's contract address: 0x followed by 40 hexadecimal characters.";
  const id = tokenId.trim();
  if (id !== "" && !/^\d{1,78}$/.test(id)) return "The token ID is a whole number, such as 42.";
  return { chainId: ctx.chain.chainId, address: trimmed, ...(id === "" ? {} : { tokenId: id }) };
}

function say(line: HTMLElement, text: string): void {
  line.textContent = text;
  line.hidden = false;
}

/** What the contract said, for the person to check before it joins the list. */
function preview(
  ctx: PopupContext,
  request: TokenToAdd,
  token: TokenFound,
  problem: HTMLElement,
  edit: () => void,
): HTMLElement {
  const nft = token.standard !== "erc20";
  const title = nft ? `${token.symbol} #${token.tokenId}` : token.symbol;
  const held =
    token.balance === null
      ? "Unavailable"
      : nft
        ? token.standard === "erc721"
          ? "You own it"
          : `${formatAmount(token.balance, 0)} held`
        : `${formatAmount(token.balance, token.decimals)} ${token.symbol}`;
  const facts: Array<[string, Node | string]> = [
    ["Network", ctx.chain.name],
    ["Contract", addressText(token.address)],
    ...(nft ? [] : ([["Decimals", String(token.decimals)]] as Array<[string, string]>)),
    ["Your balance", held],
  ];
  const back = el(
    "button",
    { type: "button", class: "btn btn-secondary", "data-testid": "add-token-edit" },
    "Edit",
  );
  back.addEventListener("click", edit);
  const add = el(
    "button",
    { type: "button", class: "btn btn-primary", "data-testid": "add-token-confirm" },
    token.watched ? "Already in your tokens" : nft ? "Add NFT" : "Add token",
  ) as HTMLButtonElement;
  add.disabled = token.watched;
  add.addEventListener("click", () => {
    add.disabled = true;
    hostCall("vaughan_addToken", [request]).then(
      () => ctx.navigate("home"),
      (error) => {
        add.disabled = false;
        say(problem, errorText(error));
      },
    );
  });
  return el(
    "div",
    {
      class: "card token-preview",
      "data-testid": "add-token-preview",
      "data-standard": token.standard,
      "data-symbol": token.symbol,
      ...(token.balance === null ? {} : { "data-balance": token.balance }),
    },
    el(
      "div",
      { class: "token-preview-head" },
      initialBadge(token.symbol),
      el(
        "div",
        { class: "row-main" },
        el("div", { class: "row-title" }, title),
        el("div", { class: "row-sub" }, token.name ?? "No name given"),
      ),
      el("span", { class: "chip" }, STANDARD_LABEL[token.standard]),
    ),
    el(
      "dl",
      { class: "facts" },
      ...facts.flatMap(([term, value]) => [el("dt", {}, term), el("dd", {}, value)]),
    ),
    el(
      "p",
      { class: "hint token-preview-note" },
      icon("info", 14),
      "Anyone can make a token with any name. Add only tokens you know the address of.",
    ),
    el("div", { class: "token-preview-actions" }, back, add),
  );
}
