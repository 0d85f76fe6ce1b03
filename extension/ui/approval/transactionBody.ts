import type {
  ApprovalDetails,
  ApprovalUpdate,
  DecodedCall,
  Simulation,
} from "../../../protocol/approvalDetails.js";
import { el } from "../client.js";
import { addressView } from "./address.js";
import type { Arming } from "./arming.js";
import { callView } from "./callView.js";
import { FeeView } from "./feeView.js";
import { disclosure, rawBlock, row, rows } from "./layout.js";
import type { Body } from "./parsed.js";
import { simulationView } from "./simulationView.js";

/** The native currency's symbol, as the host wrote it after the amount ("0 ETH"). */
function symbolOf(formatted: string): string {
  return formatted.trim().split(/\s+/).at(-1) ?? "";
}

function functionName(call: DecodedCall | undefined): string | undefined {
  return call?.signature.slice(0, call.signature.indexOf("(")) || undefined;
}

/**
 * The simulation's section, in a slot whose content is replaced when the host's result arrives
 * (before or after the window is on screen), so the layout around it stays still.
 */
function simulationSlot(initial: Simulation, symbol: string, arming: Arming) {
  const slot = el("div", { class: "ap-sim-slot" });
  const set = (simulation: Simulation) => {
    slot.replaceChildren(simulationView(simulation, symbol));
    if (simulation.status !== "pending") arming.simulationShown();
  };
  set(initial);
  return { element: () => slot, set };
}

/** `send-transaction`: what changes, who it goes to, the fee; the decoded call and raw data on request. */
export function sendTransactionBody(details: ApprovalDetails<"send-transaction">, arming: Arming): Body {
  const symbol = symbolOf(details.value.formatted);
  const simulation = simulationSlot(details.simulation, symbol, arming);
  const fee = new FeeView(details.fees, symbol, arming);
  const name = functionName(details.call);
  const overview = rows(
    row("From", addressView(details.from, { avatar: true })),
    details.to === null
      ? row("To", "A new contract")
      : row(details.data === "0x" ? "To" : "Interacting with", addressView(details.to, { avatar: true })),
    ...(details.value.raw !== "0"
      ? [row("Amount", el("span", { class: "num" }, details.value.formatted))]
      : []),
    ...(name ? [row("Function", el("code", { class: "ap-fn" }, name))] : []),
  );
  const more: HTMLElement[] = [];
  if (details.call) more.push(callView(details.call));
  more.push(el("p", { class: "ap-raw-title" }, "Raw data"), rawBlock(details.data, "Raw transaction data"));
  return {
    parts: [simulation.element(), overview, fee.element, disclosure("Details", ...more)],
    answer: () => ({ fee: fee.answer }),
    update: (update: ApprovalUpdate) => simulation.set(update.simulation),
  };
}

/** `send-calls` (EIP-5792): the batch's calls one by one, simulated and paid for together. */
export function sendCallsBody(details: ApprovalDetails<"send-calls">, arming: Arming): Body {
  const symbol = details.calls[0] ? symbolOf(details.calls[0].value.formatted) : "";
  const simulation = simulationSlot(details.simulation, symbol, arming);
  const fee = new FeeView(details.fees, symbol, arming);
  const calls = el(
    "ol",
    { class: "ap-batch" },
    ...details.calls.map((call, i) =>
      el(
        "li",
        {},
        el(
          "p",
          { class: "ap-batch-title" },
          `Call ${i + 1}`,
          functionName(call.call) ? ` · ${functionName(call.call)}` : "",
        ),
        rows(
          call.to === null ? row("To", "A new contract") : row("To", addressView(call.to)),
          ...(call.value.raw !== "0"
            ? [row("Amount", el("span", { class: "num" }, call.value.formatted))]
            : []),
        ),
      ),
    ),
  );
  const more = details.calls.flatMap((call, i) => [
    el("p", { class: "ap-raw-title" }, `Call ${i + 1}`),
    ...(call.call ? [callView(call.call)] : []),
    rawBlock(call.data, `Raw data of call ${i + 1}`),
  ]);
  return {
    parts: [
      simulation.element(),
      rows(row("From", addressView(details.from, { avatar: true }))),
      calls,
      fee.element,
      disclosure("Details", ...more),
    ],
    answer: () => ({ fee: fee.answer }),
    update: (update: ApprovalUpdate) => simulation.set(update.simulation),
  };
}
