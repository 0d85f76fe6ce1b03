import type { Warning, WarningSeverity } from "../../../protocol/approvalDetails.js";

const RANK: Record<WarningSeverity, number> = { danger: 0, caution: 1, info: 2 };

/** Warnings most severe first, as the window lists them; equal ones keep their order. */
export function bySeverity(warnings: readonly Warning[]): Warning[] {
  return [...warnings].sort((a, b) => RANK[a.severity] - RANK[b.severity]).slice(0, 32);
}

/** One warning; messages are cut to what the wire carries. */
export function warning(code: string, severity: WarningSeverity, message: string): Warning {
  return { code, severity, message: message.length > 512 ? `${message.slice(0, 511)}…` : message };
}
