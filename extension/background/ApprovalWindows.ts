import browser from "webextension-polyfill";
import type { ApprovalAnswerExtras, ApprovalUpdate } from "../../protocol/approvalDetails.js";
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
  /** The host's latest update (the simulation's result), for a window that asks after it came. */
  update: ApprovalUpdate | null;
  /** The windows showing it (their UI ports), told of each update as it comes. */
  listeners: Set<(update: ApprovalUpdate) => void>;
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
    this.open.set(message.approvalId, {
      message,
      tab,
      shown: false,
      answered: false,
      update: null,
      listeners: new Set(),
    });
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
        width: 400,
        height: 680,
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

  /** The approval and the latest update the host sent for it. */
  get(approvalId: string): { approval: ApprovalMessage; update: ApprovalUpdate | null } | undefined {
    const entry = this.open.get(approvalId);
    return entry && { approval: entry.message, update: entry.update };
  }

  /** The host learned more (the simulation's result): kept, and told to the windows showing it. */
  update(approvalId: string, update: ApprovalUpdate): void {
    const entry = this.open.get(approvalId);
    if (!entry) return;
    entry.update = update;
    for (const listener of entry.listeners) listener(update);
  }

  /** Calls `listener` with each later update of the approval; returns how to stop. */
  watch(approvalId: string, listener: (update: ApprovalUpdate) => void): () => void {
    const entry = this.open.get(approvalId);
    if (!entry) return () => undefined;
    entry.listeners.add(listener);
    return () => entry.listeners.delete(listener);
  }

  /** Passes the window's answer on as it is: the acknowledgement and the fee travel with it. */
  async answer(approvalId: string, approved: boolean, extras: ApprovalAnswerExtras = {}): Promise<void> {
    const entry = this.open.get(approvalId);
    if (!entry || entry.answered) return;
    entry.answered = true;
    this.open.delete(approvalId);
    this.showNext();
    // A rejection carries nothing: the acknowledgement and the fee only matter to an approve.
    const carried = approved ? extras : {};
    await this.send({ v: PROTOCOL_VERSION, type: "approval-result", approvalId, approved, ...carried });
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
