import { METHODS, type MethodInfo, type MethodName } from "../../../protocol/methods.js";
import {
  DEFAULT_TIER_LIMITS,
  RateLimiter,
  scaleTierLimits,
  type TierLimits,
} from "../../../protocol/RateLimiter.js";
import type { RejectionTracker } from "../../../protocol/RejectionTracker.js";

/**
 * A connection carries every site of one browser, and the host serves every browser: their
 * budgets are the per-origin ones scaled up, so one busy site never starves the others, yet a
 * compromised extension cannot make the host spin without bound. (Signing per connection: 10/s
 * burst 20 and 100 a minute, far above what a person can approve.)
 */
export const SESSION_FACTOR = 10;
/** The whole host, every connection together: twice one connection's budget. */
export const GLOBAL_FACTOR = 20;

/**
 * Layer 2 of docs/security.md T11: the host re-applies the background's limits without trusting
 * that the background did — the same token buckets keyed by origin, again by connection, and
 * a global budget — and refuses prompting methods (4100) while the origin is blocked after
 * rejections. Over budget → -32005. Sites that are not connected share connection and global
 * budgets of their own: a page that frames many unconnected origins (whose requests are mostly
 * refused) cannot spend what the connected sites need.
 */
export class HostLimits {
  private readonly byOrigin: RateLimiter;
  private readonly bySession: RateLimiter;
  private readonly global: RateLimiter;

  constructor(
    private readonly rejections: RejectionTracker,
    limits: TierLimits = DEFAULT_TIER_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.byOrigin = new RateLimiter(limits, "origin");
    this.bySession = new RateLimiter(scaleTierLimits(limits, SESSION_FACTOR), "connection");
    this.global = new RateLimiter(scaleTierLimits(limits, GLOBAL_FACTOR), "host");
  }

  /** Admits one request or throws (4100 blocked, -32005 over a budget). */
  check(sessionId: number, origin: string, method: MethodName, connected: boolean): void {
    const info: MethodInfo = METHODS[method];
    const now = this.now();
    if (info.kind !== undefined) this.rejections.check(origin, now);
    this.byOrigin.take(origin, info.tier, now);
    this.bySession.take(connected ? String(sessionId) : `${sessionId} unconnected`, info.tier, now);
    this.global.take(connected ? "all" : "unconnected", info.tier, now);
  }
}
