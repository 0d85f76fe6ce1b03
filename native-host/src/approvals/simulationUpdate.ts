import type { ApprovalUpdate, Simulation, Warning } from "../../../protocol/approvalDetails.js";
import type { Chain } from "../stores/chains.js";
import { type SimulateOptions, type SimulationCall, simulateCalls } from "./simulate.js";

/** How long the window waits for the node before it is told the simulation is unavailable. */
export const SIMULATION_DEADLINE_MS = 10_000;

const SEVERITY_ORDER = { danger: 0, caution: 1, info: 2 } as const;
/** The codes this module decides; any earlier copy of them is replaced, never doubled. */
const OWN_CODES = new Set(["simulation-reverts", "simulation-unavailable", "site-proposed-rpc"]);

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** What a person must know about a simulation's result, as warnings. */
export function simulationWarnings(simulation: Simulation): Warning[] {
  const warnings: Warning[] = [];
  const reverts =
    simulation.status === "reverts"
      ? simulation.reason
      : simulation.status === "unavailable"
        ? simulation.reverts
        : null;
  if (reverts !== null) {
    warnings.push({
      code: "simulation-reverts",
      severity: "caution",
      message: clip(`This transaction would fail (${clip(reverts, 300)}); its fee would still be paid.`, 512),
    });
  }
  if (simulation.status === "unavailable") {
    warnings.push({
      code: "simulation-unavailable",
      severity: "info",
      message: clip(
        `Could not simulate on this network (${clip(simulation.reason, 300)}): what it changes is not known in advance.`,
        512,
      ),
    });
  }
  if ((simulation.status === "ok" || simulation.status === "reverts") && simulation.siteProposedRpc) {
    warnings.push({
      code: "site-proposed-rpc",
      severity: "info",
      message: "This network's node was proposed by a site: the simulation is only as honest as that node.",
    });
  }
  return warnings;
}

/** `earlier` with the simulation's own warnings put in, most severe first (stable otherwise). */
export function mergeWarnings(earlier: readonly Warning[], simulation: Simulation): Warning[] {
  return [...earlier.filter((w) => !OWN_CODES.has(w.code)), ...simulationWarnings(simulation)]
    .map((warning, index) => ({ warning, index }))
    .sort(
      (a, b) => SEVERITY_ORDER[a.warning.severity] - SEVERITY_ORDER[b.warning.severity] || a.index - b.index,
    )
    .map(({ warning }) => warning)
    .slice(0, 32);
}

/**
 * The simulation, bounded by `deadlineMs` from now: after it, `unavailable` (the node took too
 * long). Never rejects: an unexpected failure is `unavailable` too.
 */
export async function simulateWithDeadline(
  chain: Chain,
  from: string,
  calls: SimulationCall[],
  options: SimulateOptions & { deadlineMs?: number } = {},
): Promise<Simulation> {
  const deadlineMs = options.deadlineMs ?? SIMULATION_DEADLINE_MS;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Simulation>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          status: "unavailable",
          reason: `the node did not answer within ${deadlineMs / 1000} s`,
          reverts: null,
        }),
      deadlineMs,
    );
    timer.unref();
  });
  return Promise.race([
    simulateCalls(chain, from, calls, options).catch(
      (error: unknown): Simulation => ({
        status: "unavailable",
        reason: clip(`the simulation failed: ${(error as Error).message}`, 1000),
        reverts: null,
      }),
    ),
    late,
  ]).finally(() => clearTimeout(timer));
}

/**
 * The `approval-update` for a simulation: its `warnings` is the whole list now in force,
 * `earlier` (the details' warnings) with the simulation's.
 */
export function simulationUpdate(earlier: readonly Warning[], simulation: Simulation): ApprovalUpdate {
  return { simulation, warnings: mergeWarnings(earlier, simulation) };
}
