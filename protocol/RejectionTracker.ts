import { UnauthorizedError } from "./errors.js";
import { WALLET_ORIGIN } from "./walletOrigin.js";

/** Rejections within the window that trigger a block, and how long it lasts (docs/security.md T11). */
export const REJECTIONS_TO_BLOCK = 3;
export const REJECTION_WINDOW_MS = 30_000;
export const BLOCK_MS = 60_000;

const MAX_ORIGINS = 4096;

/**
 * Approval-spam brake: after 3 rejections in 30 s an origin's prompting methods get 4100 for
 * 60 s, while its reads keep working. Both layers keep one: the background records the 4001
 * it relays, the host records the rejection it receives, so either alone still stops the spam.
 */
export class RejectionTracker {
  private readonly recent = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();

  /** One user rejection (reject button, closed window) of a prompt from `origin`. */
  record(origin: string, now: number): void {
    if (origin === WALLET_ORIGIN) return;
    const times = (this.recent.get(origin) ?? []).filter((t) => now - t < REJECTION_WINDOW_MS);
    times.push(now);
    this.recent.delete(origin);
    if (times.length >= REJECTIONS_TO_BLOCK) {
      this.blockedUntil.set(origin, now + BLOCK_MS);
    } else {
      this.recent.set(origin, times);
    }
    this.bound();
  }

  isBlocked(origin: string, now: number): boolean {
    if (origin === WALLET_ORIGIN) return false;
    const until = this.blockedUntil.get(origin);
    if (until === undefined) return false;
    if (now < until) return true;
    this.blockedUntil.delete(origin);
    return false;
  }

  /** Throws 4100 while `origin` is blocked. */
  check(origin: string, now: number): void {
    if (this.isBlocked(origin, now)) {
      throw new UnauthorizedError(
        "Too many rejected requests from this site; prompts are blocked for a minute",
      );
    }
  }

  private bound(): void {
    // Oldest first (Map insertion order); an origin dropped here only loses its history.
    for (const map of [this.recent, this.blockedUntil]) {
      while (map.size > MAX_ORIGINS) {
        const oldest = map.keys().next().value;
        if (oldest === undefined) break;
        map.delete(oldest);
      }
    }
  }
}
