import type { ApprovalDetails } from "../../../protocol/approvalDetails.js";
import { el } from "../client.js";
import { addressView } from "./address.js";
import { row, rows, section } from "./layout.js";
import type { Body } from "./parsed.js";

/**
 * `watch-asset`: the token as its contract describes itself. The site's image URL is not
 * loaded: showing it would request a URL the site chose before the person agreed to anything.
 */
export function watchAssetBody(details: ApprovalDetails<"watch-asset">): Body {
  const { token } = details;
  const symbol = token.symbol ?? "Token";
  return {
    parts: [
      section(
        "Token",
        el(
          "div",
          { class: "ap-token" },
          el(
            "span",
            { class: "ap-token-badge ap-token-badge-lg", "aria-hidden": "true" },
            (symbol[0] ?? "?").toUpperCase(),
          ),
          el(
            "span",
            { class: "ap-token-text" },
            el("span", { class: "ap-token-symbol" }, symbol),
            ...(token.name ? [el("span", { class: "ap-sub" }, token.name)] : []),
          ),
        ),
        rows(
          ...(details.balance
            ? [
                row("Your balance", el("span", { class: "num" }, details.balance.formatted), {
                  "data-testid": "approval-balance",
                  "data-balance": details.balance.raw,
                }),
              ]
            : []),
          row("Contract", addressView(token.address)),
          ...(token.decimals !== undefined ? [row("Decimals", String(token.decimals))] : []),
          ...(token.standard ? [row("Standard", token.standard.toUpperCase())] : []),
          ...(details.tokenId !== undefined ? [row("Token ID", details.tokenId)] : []),
        ),
      ),
    ],
  };
}
