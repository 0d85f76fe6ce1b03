import type { PopupChain, WalletStatus } from "../../protocol/ui.js";
import { el } from "./client.js";
import { addTokenView } from "./popupAddToken.js";
import { receiveView } from "./popupReceive.js";
import { renderSend } from "./send.js";

/** What every popup screen gets from the shell (popup.ts). */
export interface PopupContext {
  readonly status: WalletStatus & { selected: string };
  /** The popup's chain: the current tab's site's when it is connected, else the default. */
  readonly chain: PopupChain;
  /** Opens a screen of `VIEWS` by name, or home. */
  navigate(view: string): void;
  /** Draws the current screen again from fresh host state. */
  refresh(): Promise<void>;
  /** Shows a failed action's message in words where the person is looking. */
  showError(error: unknown): void;
}

/** A screen reached from home; the shell gives it a header with Back and its title. */
export interface PopupView {
  readonly title: string;
  render(ctx: PopupContext): HTMLElement | Promise<HTMLElement>;
}

/**
 * The popup's screens besides home, by name. Adding one is one line here: home shows a Send
 * button when `send` is present, and the top bar's settings button opens `settings` when it is
 * present (the options page until then).
 */
export const VIEWS: Record<string, PopupView> = {
  receive: receiveView,
  "add-token": addTokenView,
  send: {
    title: "Send",
    async render() {
      const container = el("div", { class: "popup-send" });
      await renderSend(container, { heading: false });
      return container;
    },
  },
};
