import browser from "webextension-polyfill";
import { PROTOCOL_VERSION } from "../../protocol/constants.js";
import type { ExtensionToHost, HostToExtension } from "../../protocol/messages.js";

type ApprovalMessage = Extract<HostToExtension, { type: "approval" }>;

interface Open {
  message: ApprovalMessage;
  windowId?: number;
  answered: boolean;
}

/**
 * One popup window per approval the host asks for. Closing the window is a rejection; the
 * window learns what to show from the background (never from its URL, which a page could
 * craft), and only by the approval id.
 */
export class ApprovalWindows {
  private readonly open = new Map<string, Open>();

  constructor(private readonly send: (message: ExtensionToHost) => Promise<boolean>) {
    browser.windows.onRemoved.addListener((windowId) => {
      for (const [approvalId, entry] of this.open) {
        if (entry.windowId === windowId) void this.answer(approvalId, false);
      }
    });
  }

  async show(message: ApprovalMessage): Promise<void> {
    const entry: Open = { message, answered: false };
    this.open.set(message.approvalId, entry);
    const url = browser.runtime.getURL(`approval.html?id=${encodeURIComponent(message.approvalId)}`);
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
      if (!this.open.has(message.approvalId) && window.id !== undefined)
        await browser.windows.remove(window.id);
    } catch {
      await this.answer(message.approvalId, false);
    }
  }

  /** True while a window for this (origin, kind) is open: the background answers its twins -32002. */
  isShowing(origin: string, kind: ApprovalMessage["kind"]): boolean {
    for (const entry of this.open.values()) {
      if (entry.message.origin === origin && entry.message.kind === kind) return true;
    }
    return false;
  }

  get(approvalId: string): ApprovalMessage | undefined {
    return this.open.get(approvalId)?.message;
  }

  async answer(approvalId: string, approved: boolean, accounts?: string[]): Promise<void> {
    const entry = this.open.get(approvalId);
    if (!entry || entry.answered) return;
    entry.answered = true;
    this.open.delete(approvalId);
    await this.send({ v: PROTOCOL_VERSION, type: "approval-result", approvalId, approved, accounts });
    await this.closeWindow(entry);
  }

  /** The host gave up (timeout): close the window without answering. */
  async cancel(approvalId: string): Promise<void> {
    const entry = this.open.get(approvalId);
    if (!entry) return;
    this.open.delete(approvalId);
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
