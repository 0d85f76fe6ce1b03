import type { DecodedArg, DecodedCall } from "../../../protocol/approvalDetails.js";
import { el } from "../client.js";
import { addressView } from "./address.js";

function argValue(arg: DecodedArg): Node | string {
  if (arg.address) return addressView(arg.address);
  if (arg.amount) {
    return el(
      "span",
      { class: "num", title: arg.amount.raw },
      arg.amount.unlimited ? el("strong", {}, arg.amount.formatted) : arg.amount.formatted,
    );
  }
  return el("span", { class: "ap-arg-text" }, arg.value);
}

/**
 * A decoded call: the function (canonical signature as a data attribute, for tests and people
 * who check it), the token it is for when the chain confirmed one, and each argument by name.
 * A multicall's inner calls are nested below it.
 */
export function callView(call: DecodedCall, depth = 0): HTMLElement {
  const name = call.signature.slice(0, call.signature.indexOf("(")) || call.signature;
  const attrs: Record<string, string> = {
    class: "ap-call",
    "data-testid": "approval-call",
    "data-signature": call.signature,
  };
  if (call.standard) attrs["data-standard"] = call.standard;
  const token = call.token?.name ?? call.token?.symbol;
  const head = el(
    "div",
    { class: "ap-call-head" },
    el("span", { class: "ap-call-name" }, name),
    ...(call.standard ? [el("span", { class: "ap-tag" }, call.standard.toUpperCase())] : []),
    ...(token ? [el("span", { class: "ap-call-token" }, token)] : []),
  );
  const args = el(
    "dl",
    { class: "ap-args" },
    ...call.args.flatMap((arg) => [
      el("dt", {}, arg.name || "(unnamed)", el("span", { class: "ap-arg-type" }, arg.type)),
      el("dd", {}, argValue(arg)),
    ]),
  );
  const inner =
    call.calls && depth < 4
      ? [el("div", { class: "ap-call-inner" }, ...call.calls.map((c) => callView(c, depth + 1)))]
      : [];
  return el(
    "div",
    attrs,
    head,
    el("code", { class: "ap-call-signature" }, call.signature),
    ...(call.args.length > 0 ? [args] : []),
    ...inner,
  );
}
