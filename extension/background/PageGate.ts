import {
  LimitExceededError,
  type ProviderRpcError,
  ResourceUnavailableError,
  UserRejectedRequestError,
} from "../../protocol/errors.js";
import type { ApprovalKind } from "../../protocol/messages.js";
import { alwaysPrompts, lookupMethod } from "../../protocol/methods.js";
import { RateLimiter } from "../../protocol/RateLimiter.js";
import { RejectionTracker } from "../../protocol/RejectionTracker.js";

/** Requests one tab (all its frames) may have waiting on the host at once; more is -32005. */
export const MAX_IN_FLIGHT_PER_TAB = 64;

/** What a request admitted by the gate must report when its answer arrives. */
export interface Ticket {
  /** The host's answer (its error code, if any): frees the slot and records a user rejection. */
  done(errorCode: number | undefined): void;
}

/** A tab's id, or a key of its own for a port that has no tab. */
export type TabKey = string | number;

/**
 * Layer 1 of SECURITY.md T11: what the background decides before a page's request reaches the
 * host. In order: the tab's in-flight cap (-32005), the rejection blocks of the origin and of
 * the tab (4100, prompting methods only), one pending approval per (origin, kind) (-32002),
 * then the origin's token bucket for the method's tier (-32005). Pending is checked before the
 * bucket so a flood of one kind is answered -32002, and costs no budget. The tab's block stops
 * a page that frames many origins, each with a brake of its own. The host checks the origin's
 * limits again (layer 2).
 */
export class PageGate {
  private readonly limiter: RateLimiter;
  private readonly rejections = new RejectionTracker();
  private readonly tabRejections = new RejectionTracker();
  private readonly inFlightByTab = new Map<TabKey, number>();
  /** The tabs of the requests in flight per (origin, kind) that may prompt, oldest first. */
  private readonly promptsInFlight = new Map<string, TabKey[]>();

  constructor(
    /** True while an approval window of this (origin, kind) is open. */
    private readonly isShowing: (origin: string, kind: ApprovalKind) => boolean,
    options: { limiter?: RateLimiter; now?: () => number; maxInFlight?: number } = {},
  ) {
    this.limiter = options.limiter ?? new RateLimiter();
    this.now = options.now ?? Date.now;
    this.maxInFlight = options.maxInFlight ?? MAX_IN_FLIGHT_PER_TAB;
  }

  private readonly now: () => number;
  private readonly maxInFlight: number;

  /**
   * Admits one request from `origin` arriving from `tab` (the tab's id, or a port when there is
   * no tab), or returns the error
   * to answer it with. A slot is held until the ticket's `done`, which the host always reaches
   * (an answer, a 5-minute approval timeout, or 4900 when the transport is lost).
   */
  admit(origin: string, tab: TabKey, method: string): Ticket | ProviderRpcError {
    const now = this.now();
    const info = lookupMethod(method);
    const inFlight = this.inFlightByTab.get(tab) ?? 0;
    if (inFlight >= this.maxInFlight)
      return new LimitExceededError("Too many requests in flight from this tab");
    const kind = info?.kind;
    const pendingKey = kind === undefined ? undefined : `${origin}\n${kind}`;
    try {
      if (kind !== undefined && pendingKey !== undefined) {
        this.rejections.check(origin, now);
        this.tabRejections.check(String(tab), now);
        const inFlightPrompt = alwaysPrompts(kind) && this.promptsInFlight.has(pendingKey);
        if (inFlightPrompt || this.isShowing(origin, kind)) {
          return new ResourceUnavailableError(`A ${kind} request from ${origin} is already pending`);
        }
      }
      // Unknown methods spend the "other" budget: the host answers them, but not without limit.
      this.limiter.take(origin, info?.tier ?? "other", now);
    } catch (error) {
      return error as ProviderRpcError;
    }
    this.inFlightByTab.set(tab, inFlight + 1);
    if (pendingKey !== undefined) {
      const tabs = this.promptsInFlight.get(pendingKey);
      if (tabs) tabs.push(tab);
      else this.promptsInFlight.set(pendingKey, [tab]);
    }
    let settled = false;
    return {
      done: (errorCode) => {
        if (settled) return;
        settled = true;
        this.release(this.inFlightByTab, tab);
        if (pendingKey !== undefined) this.releasePrompt(pendingKey, tab);
        if (kind !== undefined && errorCode === UserRejectedRequestError.code) {
          this.rejections.record(origin, this.now());
          this.tabRejections.record(String(tab), this.now());
        }
      },
    };
  }

  /**
   * The tab whose request is waiting on an approval of this (origin, kind): the oldest in
   * flight of that kind, else of any kind from the origin (an `unlock` comes before a
   * `connect`). The host asks for approvals by origin and kind; the windows are kept per tab.
   */
  tabOf(origin: string, kind: ApprovalKind): TabKey | undefined {
    const exact = this.promptsInFlight.get(`${origin}\n${kind}`)?.[0];
    if (exact !== undefined) return exact;
    for (const [key, tabs] of this.promptsInFlight) if (key.startsWith(`${origin}\n`)) return tabs[0];
    return undefined;
  }

  private releasePrompt(pendingKey: string, tab: TabKey): void {
    const tabs = this.promptsInFlight.get(pendingKey);
    if (!tabs) return;
    tabs.splice(tabs.indexOf(tab), 1);
    if (tabs.length === 0) this.promptsInFlight.delete(pendingKey);
  }

  private release<K>(map: Map<K, number>, key: K): void {
    const left = (map.get(key) ?? 1) - 1;
    if (left <= 0) map.delete(key);
    else map.set(key, left);
  }
}
