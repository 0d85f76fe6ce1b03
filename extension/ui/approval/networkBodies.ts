import type { ApprovalDetails } from "../../../protocol/approvalDetails.js";
import { el } from "../client.js";
import { icon } from "../icons.js";
import { row, rows, section } from "./layout.js";
import type { Body } from "./parsed.js";

/** `add-chain`: the network as the site describes it; its node is the site's choice. */
export function addChainBody(details: ApprovalDetails<"add-chain">): Body {
  return {
    parts: [
      section(
        "Network",
        rows(
          row("Name", details.name),
          row("Chain ID", `${details.chainId} (0x${details.chainId.toString(16)})`),
          row("Currency", details.symbol),
          row("Node (RPC)", el("span", { class: "ap-url" }, details.rpcUrl)),
          ...(details.explorerUrl
            ? [row("Block explorer", el("span", { class: "ap-url" }, details.explorerUrl))]
            : []),
        ),
      ),
    ],
  };
}

/** `switch-chain`: from which network to which. */
export function switchChainBody(details: ApprovalDetails<"switch-chain">): Body {
  const side = (label: string, chain: { chainId: number; name: string }) =>
    el(
      "div",
      { class: "ap-net" },
      el("span", { class: "ap-net-label" }, label),
      el("span", { class: "ap-net-name" }, chain.name),
      el("span", { class: "ap-sub" }, `Chain ID ${chain.chainId}`),
    );
  return {
    parts: [
      section(
        "Network",
        el(
          "div",
          { class: "ap-switch" },
          side("From", details.from),
          icon("arrow", 20),
          side("To", details.to),
        ),
      ),
    ],
  };
}
