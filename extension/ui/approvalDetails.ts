import { el } from "./client.js";

/**
 * Readable content for each kind of approval. Everything from the host is shown as text nodes:
 * a dApp controls these strings, so none of them is ever parsed as HTML.
 */
export function renderDetails(kind: string, details: unknown): HTMLElement {
  const d = (details ?? {}) as Record<string, unknown>;
  switch (kind) {
    case "sign-message": {
      const message = (d.message ?? {}) as { text?: string; hex?: string };
      return el(
        "section",
        {},
        row("Account", String(d.address)),
        el("h3", {}, message.text !== undefined ? "Message" : "Message (hex, not readable text)"),
        el("pre", { "data-testid": "message" }, message.text ?? message.hex ?? ""),
      );
    }
    case "sign-typed-data":
      return el(
        "section",
        {},
        row("Account", String(d.address)),
        row("Primary type", String(d.primaryType)),
        el("h3", {}, "Domain"),
        tree(d.domain),
        el("h3", {}, "Message"),
        tree(d.message),
      );
    case "send-transaction": {
      const erc20 = d.erc20 as
        | { function: string; to?: string; spender?: string; amount: string }
        | undefined;
      return el(
        "section",
        {},
        row("From", String(d.from)),
        row("To", d.to === null ? "(new contract)" : String(d.to)),
        row("Value", `${String(d.valueEth)} ${String(d.symbol)}`),
        ...(erc20
          ? [
              row("Token call", erc20.function),
              row(erc20.function === "approve" ? "Spender" : "Recipient", String(erc20.spender ?? erc20.to)),
              row("Amount (base units)", erc20.amount),
            ]
          : []),
        row("Gas limit", BigInt(String(d.gas)).toString()),
        row("Max network cost", `${String(d.maxCostEth)} ${String(d.symbol)}`),
        el("details", {}, el("summary", {}, "Data"), el("pre", {}, String(d.data))),
      );
    }
    case "add-chain":
      return el(
        "section",
        {},
        row("Network", String(d.name)),
        row("Chain ID", `${String(d.chainId)} (${String(d.chainIdHex)})`),
        row("Currency", String(d.symbol)),
        row("RPC URL", String((d.rpcUrls as string[] | undefined)?.[0])),
      );
    case "switch-chain":
      return el(
        "section",
        {},
        row("From chain", String(d.from)),
        row("To", `${String(d.name)} (${String(d.to)})`),
      );
    case "watch-asset":
      return el(
        "section",
        {},
        row("Token", String(d.symbol)),
        row("Address", String(d.address)),
        row("Decimals", String(d.decimals)),
      );
    default:
      return el("section", {});
  }
}

function row(label: string, value: string): HTMLElement {
  return el(
    "div",
    { class: "row" },
    el("span", { class: "label" }, label),
    el("span", { class: "value" }, value),
  );
}

/** Nested objects as an indented list. */
function tree(value: unknown, depth = 0): HTMLElement {
  if (value === null || typeof value !== "object" || depth > 12)
    return el("span", { class: "value" }, String(value));
  const list = el("ul", { class: "tree" });
  for (const [key, child] of Object.entries(value)) {
    list.append(el("li", {}, el("span", { class: "label" }, `${key}: `), tree(child, depth + 1)));
  }
  return list;
}
