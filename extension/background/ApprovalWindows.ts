import browser from "webextension-polyfill";
import type { ApprovalAnswerExtras } from "../../protocol/approvalDetails.js";
import { PROTOCOL_VERSION } from "../../protocol/constants.js";
import type { ExtensionToHost, HostToExtension } from "../../protocol/messages.js";
import type { TabKey } from "./PageGate.js";

type ApprovalMessage = Extract<HostToExtension, { type: "approval" }>;

interface Open {
  message: ApprovalMessage;
  /** The tab whose request asked, when the background knows it. */
  tab: TabKey | undefined;
  /** Its window has been asked for (it waits in the queue until then). */
  shown: boolean;
  windowId?: number;
  answered: boolean;
}

/**
 * One popup window per approval the host asks for, and at most one at a time per tab and per
 * site: another approval from that tab (ten iframes of ten origins, say) or site (a second kind
 * of request) waits until the one shown is answered, so no window ever opens on top of another
 * from the same page, where a click meant for the first would land on the second. Closing the
 * window is a rejection; the window learns what to show from the background (never from its
 * URL, which a page could craft), and only by the approval id.
 */
export class ApprovalWindows {
  /** Shown and waiting approvals, in the order the host asked. */
  private readonly open = new Map<string, Open>();

  constructor(
    private readonly send: (message: ExtensionToHost) => Promise<boolean>,
    /** The tab whose request an approval of this (origin, kind) is for, if known. */
    private readonly tabOf: (origin: string, kind: ApprovalMessage["kind"]) => TabKey | undefined,
  ) {
    browser.windows.onRemoved.addListener((windowId) => {
      for (const [approvalId, entry] of this.open) {
        if (entry.windowId === windowId) void this.answer(approvalId, false);
      }
    });
  }

  show(message: ApprovalMessage): void {
    const tab = this.tabOf(message.origin, message.kind);
    this.open.set(message.approvalId, { message, tab, shown: false, answered: false });
    this.showNext();
  }

  /** Opens the window of every waiting approval whose tab and site have none showing. */
  private showNext(): void {
    const busyTabs = new Set<TabKey>();
    const busyOrigins = new Set<string>();
    for (const entry of this.open.values()) {
      if (!entry.shown) continue;
      if (entry.tab !== undefined) busyTabs.add(entry.tab);
      busyOrigins.add(entry.message.origin);
    }
    for (const entry of this.open.values()) {
      if (entry.shown || busyOrigins.has(entry.message.origin)) continue;
      if (entry.tab !== undefined && busyTabs.has(entry.tab)) continue;
      entry.shown = true;
      if (entry.tab !== undefined) busyTabs.add(entry.tab);
      busyOrigins.add(entry.message.origin);
      void this.openWindow(entry);
    }
  }

  private async openWindow(entry: Open): Promise<void> {
    const { approvalId } = entry.message;
    const url = browser.runtime.getURL(`approval.html?id=${encodeURIComponent(approvalId)}`);
    try {
      const window = await browser.windows.create({
        url,
        type: "popup",
        width: 420,
        height: 640,
        focused: true,
      });
      entry.windowId = window.id;
      // Answered (or cancelled) while the window was still opening.
      if (!this.open.has(approvalId) && window.id !== undefined) await browser.windows.remove(window.id);
    } catch {
      await this.answer(approvalId, false);
    }
  }

  /** True while an approval of this (origin, kind) is shown or waiting: the background answers its twins -32002. */
  isShowing(origin: string, kind: ApprovalMessage["kind"]): boolean {
    for (const entry of this.open.values()) {
      if (entry.message.origin === origin && entry.message.kind === kind) return true;
    }
    return false;
  }

  get(approvalId: string): ApprovalMessage | undefined {
    return this.open.get(approvalId)?.message;
  }

  /** Passes the window's answer on as it is: the acknowledgement and the fee travel with it. */
  async answer(approvalId: string, approved: boolean, extras: ApprovalAnswerExtras = {}): Promise<void> {
    const entry = this.open.get(approvalId);
    if (!entry || entry.answered) return;
    entry.answered = true;
    this.open.delete(approvalId);
    this.showNext();
    await this.send({ v: PROTOCOL_VERSION, type: "approval-result", approvalId, approved, ...extras });
    await this.closeWindow(entry);
  }

  /** The host gave up (timeout): close the window without answering. */
  async cancel(approvalId: string): Promise<void> {
    const entry = this.open.get(approvalId);
    if (!entry) return;
    this.open.delete(approvalId);
    this.showNext();
    await this.closeWindow(entry);
  }

  /** The host is gone: its approvals can no longer be answered. */
  async dropAll(): Promise<void> {
    const entries = [...this.open.values()];
    this.open.clear();
    await Promise.all(entries.map((entry) => this.closeWindow(entry)));
  }

  private async closeWindow(entry: Open): Promise<void> {
    if (entry.windowId === undefined) return;
    try {
      await browser.windows.remove(entry.windowId);
    } catch {
      // Already closed by the user.
    }
  }
}
