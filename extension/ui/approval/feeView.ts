import type { ApprovalAnswerExtras, FeeOption, Fees } from "../../../protocol/approvalDetails.js";
import { el } from "../client.js";
import type { Arming } from "./arming.js";
import { section } from "./layout.js";
import { compactCost, formatUnits, parseUnits, parseWhole } from "./units.js";

type Speed = FeeOption["speed"];
type FeeAnswer = ApprovalAnswerExtras["fee"];

const SPEED_NAMES: Record<Speed, string> = { slow: "Slow", normal: "Normal", fast: "Fast" };
const GWEI = 9;

let nextId = 0;

/** A labelled input of the advanced fee editor, with the message it shows when invalid. */
function field(label: string, value: string, hint: string) {
  const id = `ap-fee-${++nextId}`;
  const input = el("input", {
    id,
    class: "input num",
    inputmode: "decimal",
    autocomplete: "off",
    spellcheck: "false",
    value,
    "aria-describedby": `${id}-hint`,
  }) as HTMLInputElement;
  const note = el("span", { class: "hint", id: `${id}-hint` }, hint);
  const wrap = el("div", { class: "field" }, el("label", { for: id }, label), input, note);
  return { input, note, hint, wrap };
}

/**
 * The fee: a speed (slow / normal / fast) with the most it can cost, and "Edit" for the fields
 * themselves (max fee and priority fee in gwei, or the gas price; gas limit; nonce). The choice
 * goes back with the answer as `fee`; the host applies it when it signs.
 */
export class FeeView {
  readonly element: HTMLElement;
  private speed: Speed;
  private custom = false;
  private readonly editor: HTMLElement;
  private readonly fields: Array<ReturnType<typeof field>> = [];
  private readonly total = el("span", { class: "num" });
  private readonly readers: Record<string, () => bigint | null> = {};

  constructor(
    private readonly fees: Fees,
    private readonly symbol: string,
    private readonly arming: Arming,
  ) {
    this.speed = fees.selected;
    const options = fees.options;
    const group = el("div", { class: "ap-speeds", role: "radiogroup", "aria-label": "Transaction speed" });
    for (const option of options) group.append(this.speedOption(option));
    const chosen = this.option() ?? options[0];
    const gwei = (wei: string | undefined) => (wei === undefined ? "" : formatUnits(BigInt(wei), GWEI));
    const inputs =
      fees.type === "eip1559"
        ? [
            this.addField(
              "maxFeePerGas",
              "Max fee (gwei)",
              gwei(chosen?.maxFeePerGas),
              "The most you pay per unit of gas",
              (t) => parseUnits(t, GWEI),
            ),
            this.addField(
              "maxPriorityFeePerGas",
              "Priority fee (gwei)",
              gwei(chosen?.maxPriorityFeePerGas),
              "The tip to the block's producer",
              (t) => parseUnits(t, GWEI),
            ),
          ]
        : [
            this.addField(
              "gasPrice",
              "Gas price (gwei)",
              gwei(chosen?.gasPrice),
              "The price per unit of gas",
              (t) => parseUnits(t, GWEI),
            ),
          ];
    inputs.push(
      this.addField("gas", "Gas limit", fees.gas, "At least 21000", (t) => {
        const gas = parseWhole(t);
        return gas !== null && gas >= 21_000n ? gas : null;
      }),
      this.addField(
        "nonce",
        "Nonce",
        String(fees.nonce),
        "Change only to replace a pending transaction",
        parseWhole,
      ),
    );
    this.editor = el(
      "div",
      { class: "ap-fee-editor", id: "ap-fee-editor", hidden: "" },
      ...inputs,
      el("p", { class: "ap-fee-total" }, "Max network fee: ", this.total),
    );
    const edit = el(
      "button",
      {
        type: "button",
        class: "btn btn-ghost btn-sm",
        "aria-expanded": "false",
        "aria-controls": "ap-fee-editor",
      },
      "Edit",
    );
    edit.addEventListener("click", () => {
      const open = Boolean(this.editor.hidden);
      this.editor.hidden = !open;
      edit.setAttribute("aria-expanded", String(open));
      edit.textContent = open ? "Use suggested" : "Edit";
      this.custom = open;
      this.validate();
      if (open) this.fields[0]?.input.focus();
    });
    const meta = el(
      "div",
      { class: "ap-fee-meta" },
      el("span", { class: "muted" }, `Most it can cost · gas limit ${fees.gas} · nonce ${fees.nonce}`),
      edit,
    );
    this.element = section(
      "Network fee",
      ...(options.length > 0
        ? [group]
        : [el("p", { class: "muted" }, "No fee estimate from this network: set it yourself.")]),
      meta,
      this.editor,
    );
    this.element.dataset.testid = "approval-fee";
    this.validate();
  }

  /** What goes back with the answer. */
  get answer(): FeeAnswer {
    if (!this.custom) return { speed: this.speed };
    const read = (name: string) => this.readers[name]?.()?.toString();
    const nonce = this.readers.nonce?.();
    return {
      custom: {
        gas: read("gas"),
        ...(this.fees.type === "eip1559"
          ? { maxFeePerGas: read("maxFeePerGas"), maxPriorityFeePerGas: read("maxPriorityFeePerGas") }
          : { gasPrice: read("gasPrice") }),
        nonce: nonce === null || nonce === undefined ? undefined : Number(nonce),
      },
    };
  }

  private option(): FeeOption | undefined {
    return this.fees.options.find((o) => o.speed === this.speed);
  }

  private speedOption(option: FeeOption): HTMLElement {
    const id = `ap-speed-${option.speed}`;
    const radio = el("input", {
      type: "radio",
      name: "ap-speed",
      id,
      value: option.speed,
      "data-testid": "approval-fee-speed",
    }) as HTMLInputElement;
    radio.checked = option.speed === this.speed;
    radio.addEventListener("change", () => {
      if (radio.checked) this.speed = option.speed;
    });
    return el(
      "label",
      { class: "ap-speed", for: id },
      radio,
      el("span", { class: "ap-speed-name" }, SPEED_NAMES[option.speed]),
      el(
        "span",
        { class: "ap-speed-cost num", title: `At most ${option.maxCost.formatted}` },
        compactCost(option.maxCost.raw, this.symbol),
      ),
    );
  }

  private addField(
    name: string,
    label: string,
    value: string,
    hint: string,
    parse: (text: string) => bigint | null,
  ): HTMLElement {
    const f = field(label, value, hint);
    this.fields.push(f);
    this.readers[name] = () => parse(f.input.value);
    f.input.addEventListener("input", () => this.validate());
    return f.wrap;
  }

  /** Marks invalid fields, shows the most the edited fee can cost, and blocks approve meanwhile. */
  private validate(): void {
    let valid = true;
    for (const [name, read] of Object.entries(this.readers)) {
      const f = this.fields[Object.keys(this.readers).indexOf(name)];
      if (!f) continue;
      const ok = read() !== null;
      valid &&= ok;
      f.input.setAttribute("aria-invalid", String(!ok));
      f.note.textContent = ok ? f.hint : `Not valid: ${f.hint.toLowerCase()}`;
    }
    const tipAboveMax =
      this.fees.type === "eip1559" &&
      (this.readers.maxPriorityFeePerGas?.() ?? 0n) > (this.readers.maxFeePerGas?.() ?? 0n);
    if (tipAboveMax) valid = false;
    const price = this.readers.maxFeePerGas?.() ?? this.readers.gasPrice?.() ?? null;
    const gas = this.readers.gas?.() ?? null;
    this.total.textContent =
      price !== null && gas !== null ? compactCost((price * gas).toString(), this.symbol) : "—";
    if (tipAboveMax) this.total.textContent = "The priority fee cannot be above the max fee";
    this.arming.block("fee", this.custom && !valid);
  }
}
