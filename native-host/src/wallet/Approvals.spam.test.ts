import { afterEach, describe, expect, it, vi } from "vitest";
import type { HostToExtension } from "../../../protocol/messages.js";
import { WALLET_ORIGIN } from "../../../protocol/walletOrigin.js";
import { APPROVAL_TIMEOUT_MS, Approvals } from "./Approvals.js";
import type { Session } from "./Session.js";

type ApprovalMessage = Extract<HostToExtension, { type: "approval" }>;

function fakeSession(): Session & { asked: ApprovalMessage[] } {
  const asked: ApprovalMessage[] = [];
  return {
    id: 1,
    transport: "native",
    role: "extension",
    extensionOrigin: "chrome-extension://x",
    asked,
    send: (m) => m.type === "approval" && asked.push(m),
    close() {},
  };
}

const A = "https://a.example";
/** Asks, and settles to "approved" or the error code (a synchronous refusal included). */
function ask(approvals: Approvals, session: Session, origin = A): Promise<string | number> {
  try {
    return approvals.ask(session, { origin, kind: "unlock", chainId: 1, details: {} }).then(
      () => "approved",
      (e: { code: number }) => e.code,
    );
  } catch (error) {
    return Promise.resolve((error as { code: number }).code);
  }
}

/** Layer 2 of docs/security.md T11: the host's own approval-spam brake, whatever the background did. */
describe("Approvals: rejections", () => {
  afterEach(() => vi.useRealTimers());

  it("a dismissed window (a rejection) clears the pending state, so a retry is asked", async () => {
    const approvals = new Approvals(() => false);
    const session = fakeSession();
    const first = ask(approvals, session);
    approvals.answer(session, session.asked[0]?.approvalId ?? "", false);
    expect(await first).toBe(4001);
    const retry = ask(approvals, session);
    expect(session.asked).toHaveLength(2);
    approvals.answer(session, session.asked[1]?.approvalId ?? "", true);
    expect(await retry).toBe("approved");
  });

  it("3 rejections in 30 s: that origin's prompts are 4100 with no approval sent; other origins are asked", async () => {
    const approvals = new Approvals(() => false);
    const session = fakeSession();
    for (let i = 0; i < 3; i++) {
      const pending = ask(approvals, session);
      approvals.answer(session, session.asked[i]?.approvalId ?? "", false);
      expect(await pending).toBe(4001);
    }
    expect(await ask(approvals, session)).toBe(4100);
    expect(session.asked).toHaveLength(3);
    expect(approvals.rejections.isBlocked(A, Date.now())).toBe(true);
    const other = ask(approvals, session, "https://b.example");
    expect(session.asked).toHaveLength(4);
    approvals.answer(session, session.asked[3]?.approvalId ?? "", true);
    expect(await other).toBe("approved");
  });

  it("the wallet's own prompts are asked again after any number of rejections", async () => {
    const approvals = new Approvals(() => false);
    const session = fakeSession();
    for (let i = 0; i < 5; i++) {
      const pending = ask(approvals, session, WALLET_ORIGIN);
      expect(session.asked).toHaveLength(i + 1);
      approvals.answer(session, session.asked[i]?.approvalId ?? "", false);
      expect(await pending).toBe(4001);
    }
    const sixth = ask(approvals, session, WALLET_ORIGIN);
    expect(session.asked).toHaveLength(6);
    approvals.answer(session, session.asked[5]?.approvalId ?? "", true);
    expect(await sixth).toBe("approved");
  });

  it("the block lifts after 60 s", async () => {
    vi.useFakeTimers();
    const approvals = new Approvals(() => false);
    const session = fakeSession();
    for (let i = 0; i < 3; i++) {
      const pending = ask(approvals, session);
      approvals.answer(session, session.asked[i]?.approvalId ?? "", false);
      await pending;
    }
    vi.advanceTimersByTime(59_000);
    expect(await ask(approvals, session)).toBe(4100);
    vi.advanceTimersByTime(1_000);
    const later = ask(approvals, session);
    expect(session.asked).toHaveLength(4);
    approvals.answer(session, session.asked[3]?.approvalId ?? "", true);
    expect(await later).toBe("approved");
  });

  it("a timeout is not a rejection: nobody said no", async () => {
    vi.useFakeTimers();
    const approvals = new Approvals(() => false);
    const session = fakeSession();
    for (let i = 0; i < 3; i++) {
      const pending = ask(approvals, session);
      vi.advanceTimersByTime(APPROVAL_TIMEOUT_MS);
      expect(await pending).toBe(4001);
    }
    expect(approvals.rejections.isBlocked(A, Date.now())).toBe(false);
  });
});
