import { afterEach, describe, expect, it, vi } from "vitest";
import type { ApprovalUpdate } from "../../../protocol/approvalDetails.js";
import type { HostToExtension } from "../../../protocol/messages.js";
import { APPROVAL_TIMEOUT_MS, Approvals } from "./Approvals.js";
import type { Session } from "./Session.js";

function session(id: number): Session & { sent: HostToExtension[] } {
  const sent: HostToExtension[] = [];
  return {
    id,
    transport: "native",
    role: "extension",
    extensionOrigin: "chrome-extension://x",
    sent,
    send: (m) => sent.push(m),
    close: () => {},
  };
}

const request = {
  origin: "https://a.example",
  kind: "sign-message" as const,
  chainId: 1,
  details: {
    summary: "Sign a message",
    warnings: [],
    address: { address: `0x${"11".repeat(20)}` },
    message: { text: "", hex: "0x" },
  },
};

describe("Approvals", () => {
  afterEach(() => vi.useRealTimers());

  it("resolves on approve and rejects 4001 on reject", async () => {
    const approvals = new Approvals(() => false);
    const s = session(1);
    const yes = approvals.ask(s, request);
    const first = s.sent[0] as Extract<HostToExtension, { type: "approval" }>;
    approvals.answer(s, first.approvalId, true);
    await expect(yes).resolves.toEqual({ accounts: undefined });
    const no = approvals.ask(s, request);
    approvals.answer(s, (s.sent[1] as { approvalId: string }).approvalId, false);
    await expect(no).rejects.toMatchObject({ code: 4001 });
  });

  it("allows one pending approval per (origin, kind): the next gets -32002", async () => {
    const approvals = new Approvals(() => false);
    const s = session(1);
    const first = approvals.ask(s, request);
    expect(() => approvals.ask(s, request)).toThrow(expect.objectContaining({ code: -32002 }));
    // Another kind or another origin is not blocked.
    const other = approvals.ask(s, { ...request, kind: "unlock", details: {} });
    expect(approvals.size).toBe(2);
    approvals.dropSession(s);
    await expect(first).rejects.toMatchObject({ code: 4900 });
    await expect(other).rejects.toMatchObject({ code: 4900 });
    // Cleared: a retry can ask again.
    const retry = approvals.ask(s, request);
    approvals.dropSession(s);
    await expect(retry).rejects.toMatchObject({ code: 4900 });
  });

  it("ignores answers from a session that was not asked", async () => {
    const approvals = new Approvals(() => false);
    const asked = session(1);
    const stranger = session(2);
    const pending = approvals.ask(asked, request);
    const { approvalId } = asked.sent[0] as { approvalId: string };
    approvals.answer(stranger, approvalId, true);
    expect(approvals.size).toBe(1);
    approvals.answer(asked, approvalId, false);
    await expect(pending).rejects.toMatchObject({ code: 4001 });
  });

  it("rejects with 4001 after five minutes without an answer and closes the window", async () => {
    vi.useFakeTimers();
    const approvals = new Approvals(() => true);
    const s = session(1);
    const pending = approvals.ask(s, request);
    expect(s.sent[0]).toMatchObject({ type: "approval", locked: true });
    vi.advanceTimersByTime(APPROVAL_TIMEOUT_MS);
    await expect(pending).rejects.toMatchObject({ code: 4001 });
    expect(s.sent[1]).toMatchObject({ type: "approval-cancel" });
    expect(approvals.size).toBe(0);
  });
  it("pushes a later update while pending, keeps its warnings, and returns the answer's fee", async () => {
    const approvals = new Approvals(() => false);
    const s = session(1);
    let deliver: (u: ApprovalUpdate) => void = () => {};
    const later = new Promise<ApprovalUpdate>((resolve) => {
      deliver = resolve;
    });
    const outcome = approvals.ask(s, { ...request, later });
    const { approvalId } = s.sent[0] as Extract<HostToExtension, { type: "approval" }>;
    expect(approvals.warningsOf(approvalId)).toEqual([]);
    const update: ApprovalUpdate = {
      simulation: { status: "reverts", reason: "reverted: no", siteProposedRpc: false },
      warnings: [{ code: "simulation-reverts", severity: "caution", message: "It would fail." }],
    };
    deliver(update);
    await vi.waitFor(() => expect(s.sent[1]).toEqual({ v: 1, type: "approval-update", approvalId, update }));
    expect(approvals.warningsOf(approvalId)).toEqual(update.warnings);
    approvals.answer(s, approvalId, true, { fee: { speed: "fast" } });
    await expect(outcome).resolves.toMatchObject({ fee: { speed: "fast" } });
    // Answered: a late update goes nowhere.
    approvals.update(approvalId, update);
    expect(s.sent).toHaveLength(2);
    expect(approvals.warningsOf(approvalId)).toBeUndefined();
  });

  it("refuses an approve without the acknowledgement while a danger warning stands, also one added later", async () => {
    const approvals = new Approvals(() => false);
    const s = session(1);
    const danger = { code: "eoa-spender", severity: "danger" as const, message: "an account" };
    const caution = { code: "approval-for-all", severity: "caution" as const, message: "all" };
    const id = (n: number) => (s.sent[n] as { approvalId: string }).approvalId;

    const shown = approvals.ask(s, { ...request, details: { ...request.details, warnings: [danger] } });
    expect(approvals.answer(s, id(0), true)).toBe("unacknowledged");
    await expect(shown).rejects.toMatchObject({
      code: 4001,
      message: expect.stringMatching(/not acknowledged/),
    });

    const later = approvals.ask(s, { ...request, details: { ...request.details, warnings: [caution] } });
    approvals.addWarnings(id(1), [danger]);
    expect(approvals.answer(s, id(1), true)).toBe("unacknowledged");
    await expect(later).rejects.toMatchObject({ code: 4001 });

    const acknowledged = approvals.ask(s, {
      ...request,
      details: { ...request.details, warnings: [danger] },
    });
    expect(approvals.answer(s, id(2), true, { acknowledged: true })).toBe("approved");
    await expect(acknowledged).resolves.toBeDefined();

    // Caution alone needs no acknowledgement.
    const mild = approvals.ask(s, { ...request, details: { ...request.details, warnings: [caution] } });
    expect(approvals.answer(s, id(3), true)).toBe("approved");
    await expect(mild).resolves.toBeDefined();
  });
});
