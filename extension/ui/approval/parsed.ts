import {
  APPROVAL_DETAILS,
  type ApprovalAnswerExtras,
  type ApprovalDetails,
  type ApprovalUpdate,
} from "../../../protocol/approvalDetails.js";
import type { ApprovalKind } from "../../../protocol/messages.js";

/** An approval whose details parsed against its kind's schema: the only kind the window renders. */
export type ParsedApproval = { [K in ApprovalKind]: { kind: K; details: ApprovalDetails<K> } }[ApprovalKind];

/** Parses the host's details with `APPROVAL_DETAILS[kind]`; null when they do not fit. */
export function parseApproval(kind: ApprovalKind, details: unknown): ParsedApproval | null {
  const result = APPROVAL_DETAILS[kind].safeParse(details);
  // The schema picked is the kind's own, so the pair is one of ParsedApproval's members.
  return result.success ? ({ kind, details: result.data } as ParsedApproval) : null;
}

/** What a kind's body adds to the window: its blocks, what it sends back, how it takes an update. */
export interface Body {
  parts: HTMLElement[];
  /** The body's part of the answer (accounts chosen, fee chosen). */
  answer?(): ApprovalAnswerExtras;
  /** The host's update arrived (the simulation's result). */
  update?(update: ApprovalUpdate): void;
  /** The simulation's result (or that there is none) is on screen. */
  simulationShown?: boolean;
}
