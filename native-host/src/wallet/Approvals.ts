import { randomUUID } from "node:crypto";
import {
  type ApprovalAnswerExtras,
  type ApprovalDetails,
  type ApprovalUpdate,
  type Warning,
  WarningSchema,
} from "../../../protocol/approvalDetails.js";
import { PROTOCOL_VERSION } from "../../../protocol/constants.js";
import {
  DisconnectedError,
  InvalidRequestError,
  ResourceUnavailableError,
  UserRejectedRequestError,
} from "../../../protocol/errors.js";
import type { ApprovalKind } from "../../../protocol/messages.js";
import { RejectionTracker } from "../../../protocol/RejectionTracker.js";
import { FrameTooLargeError } from "../framing.js";
import type { Session } from "./Session.js";

/** What to ask: the details are typed by the kind, as the window parses them (APPROVAL_DETAILS). */
export interface ApprovalRequest<K extends ApprovalKind = ApprovalKind> {
  origin: string;
  kind: K;
  chainId: number;
  details: ApprovalDetails<K>;
  /**
   * What arrives after the window opened (a transaction's simulation): sent as an
   * `approval-update` when it settles, if the approval is still open.
   */
  later?: Promise<ApprovalUpdate>;
}

/** The approved answer's extras: the accounts chosen, the acknowledgement, the fee chosen. */
export type ApprovalOutcome = ApprovalAnswerExtras;

/** What became of an answer: `unacknowledged` is an approve refused for a danger warning nobody ticked. */
export type AnswerResult = "ignored" | "approved" | "rejected" | "unacknowledged";

interface Pending {
  session: Session;
  origin: string;
  key: string;
  /** The warnings shown now: those asked with, and any a later update brought. */
  warnings: Warning[];
  resolve: (outcome: ApprovalOutcome) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** A request left unanswered this long is rejected with 4001. */
export const APPROVAL_TIMEOUT_MS = 5 * 60_000;

/**
 * Asks the user, through the extension that sent the request, and waits for the answer. One
 * pending approval per (origin, kind): a second one gets -32002 at once (docs/security.md T11).
 */
export class Approvals {
  private readonly pending = new Map<string, Pending>();
  private readonly keys = new Set<string>();
  /** User rejections per origin: 3 in 30 s block its prompts for 60 s (4100, T11). */
  readonly rejections = new RejectionTracker();

  constructor(private readonly isLocked: () => boolean) {}

  ask<K extends ApprovalKind>(session: Session, request: ApprovalRequest<K>): Promise<ApprovalOutcome> {
    const key = `${request.origin}\n${request.kind}`;
    this.rejections.check(request.origin, Date.now());
    if (this.keys.has(key)) {
      throw new ResourceUnavailableError(
        `A ${request.kind} request from ${request.origin} is already pending`,
      );
    }
    const approvalId = randomUUID();
    return new Promise<ApprovalOutcome>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(approvalId);
        session.send({ v: PROTOCOL_VERSION, type: "approval-cancel", approvalId });
        reject(new UserRejectedRequestError("User rejected the request (no answer in 5 minutes)"));
      }, APPROVAL_TIMEOUT_MS);
      timer.unref();
      this.pending.set(approvalId, {
        session,
        origin: request.origin,
        key,
        warnings: warningsIn(request.details),
        resolve,
        reject,
        timer,
      });
      this.keys.add(key);
      try {
        session.send({
          v: PROTOCOL_VERSION,
          type: "approval",
          approvalId,
          origin: request.origin,
          kind: request.kind,
          chainId: request.chainId,
          locked: this.isLocked(),
          details: request.details,
        });
      } catch (error) {
        // Nobody can be shown it (too large for a frame): refused now, and its slot freed.
        this.settle(approvalId);
        reject(
          error instanceof FrameTooLargeError
            ? new InvalidRequestError("The request is too large to show for approval")
            : error,
        );
        return;
      }
      request.later?.then(
        (update) => this.update(approvalId, update),
        // The producer resolves with `unavailable` itself; a rejection leaves the window as it is.
        () => undefined,
      );
    });
  }

  /**
   * Something learned after the window opened (the simulation's result): kept as the warnings
   * in force, so the acknowledgement check sees a `danger` that arrived late, and sent to the
   * session that shows the approval. An approval already answered or cancelled is left alone.
   */
  update(approvalId: string, update: ApprovalUpdate): void {
    const entry = this.pending.get(approvalId);
    if (!entry) return;
    this.addWarnings(approvalId, update.warnings);
    try {
      entry.session.send({ v: PROTOCOL_VERSION, type: "approval-update", approvalId, update });
    } catch {
      // The session is closing (its drop rejects the approval) or the update cannot be framed:
      // the window keeps what it shows, and approve stays armed only by its own rules.
    }
  }

  /**
   * The user's answer. Only the extension session that was asked may answer: never another
   * connection, never the CLI (the host's edge refuses the CLI's `approval-result` already).
   * An approve while a `danger` warning stands needs `acknowledged: true` (the box the window
   * shows beside it): without it the request is refused, whatever the window did.
   */
  answer(
    session: Session,
    approvalId: string,
    approved: boolean,
    extras: ApprovalAnswerExtras = {},
  ): AnswerResult {
    const entry = this.pending.get(approvalId);
    if (!entry || entry.session !== session || session.role !== "extension") return "ignored";
    this.settle(approvalId);
    if (approved && extras.acknowledged !== true && entry.warnings.some((w) => w.severity === "danger")) {
      const codes = entry.warnings.filter((w) => w.severity === "danger").map((w) => w.code);
      entry.reject(
        new UserRejectedRequestError(
          `User rejected the request: the danger warning (${[...new Set(codes)].join(", ")}) was not acknowledged`,
        ),
      );
      return "unacknowledged";
    }
    if (approved) {
      entry.resolve(extras);
      return "approved";
    }
    // A dismissed window counts too; a timeout does not (nobody said no).
    this.rejections.record(entry.origin, Date.now());
    entry.reject(new UserRejectedRequestError("User rejected the request."));
    return "rejected";
  }

  /**
   * More warnings for an approval already shown (a simulation's result). They add to those
   * shown: a danger warning, once shown, needs its acknowledgement until the approval ends.
   */
  addWarnings(approvalId: string, warnings: readonly Warning[]): void {
    const entry = this.pending.get(approvalId);
    if (!entry) return;
    const seen = new Set(entry.warnings.map((w) => `${w.code}\n${w.message}`));
    entry.warnings = [...entry.warnings, ...warnings.filter((w) => !seen.has(`${w.code}\n${w.message}`))];
  }

  /** The warnings an approval stands under now (for the update that re-sends them). */
  warningsOf(approvalId: string): readonly Warning[] | undefined {
    return this.pending.get(approvalId)?.warnings;
  }

  /** The session is gone: nobody can answer its approvals any more. */
  dropSession(session: Session): void {
    for (const [approvalId, entry] of this.pending) {
      if (entry.session !== session) continue;
      this.settle(approvalId);
      entry.reject(new DisconnectedError("The extension disconnected before the request was answered"));
    }
  }

  get size(): number {
    return this.pending.size;
  }

  private settle(approvalId: string): void {
    const entry = this.pending.get(approvalId);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(approvalId);
    this.keys.delete(entry.key);
  }
}

/** The warnings a request's details carry (every kind but unlock has them); malformed ones count as danger. */
function warningsIn(details: unknown): Warning[] {
  const list = (details as { warnings?: unknown } | null)?.warnings;
  if (!Array.isArray(list)) return [];
  return list.map((w) => {
    const parsed = WarningSchema.safeParse(w);
    // A host bug, never a page's input: fail closed.
    return parsed.success
      ? parsed.data
      : { code: "invalid-warning", severity: "danger" as const, message: "" };
  });
}
