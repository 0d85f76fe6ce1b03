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

/** Requests one tab (all its frames) may have waiting on the host at once; more wait in line. */
export const MAX_IN_FLIGHT_PER_TAB = 64;
/** Requests one tab may have waiting for a slot; past this a request is -32005. */
export const MAX_QUEUED_PER_TAB = 1024;

/** A request admitted by the gate: it starts when its tab has a slot, and reports its answer. */
export interface Ticket {
  /** Runs `send` now if the request holds a slot, else when one frees (in arrival order). */
  start(send: () => void): void;
  /** The host's answer (its error code, if any): frees the slot and records a user rejection. */
  done(errorCode: number | undefined): void;
}

/** A tab's id, or a key of its own for a port that has no tab. */
export type TabKey = string | number;

/** One tab's slots in use and the tickets waiting for one. */
interface TabLine {
  inFlight: number;
  readonly waiting: Array<{ send?: () => void; started: boolean }>;
}

/**
 * Layer 1 of docs/security.md T11: what the background decides before a page's request reaches the
 * host. In order: the tab's line of requests waiting for an in-flight slot (-32005 when full),
 * the rejection blocks of the origin and of the tab (4100, prompting methods only), one pending
 * approval per (origin, kind) (-32002), then the origin's token bucket for the method's tier
 * (-32005). Pending is checked before the bucket so a flood of one kind is answered -32002, and
 * costs no budget. The tab's block stops a page that frames many origins, each with a brake of
 * its own. The host checks the origin's rejections, pending rule and buckets again (layer 2).
 */
export class PageGate {
  private readonly limiter: RateLimiter;
  private readonly rejections = new RejectionTracker();
  private readonly tabRejections = new RejectionTracker();
  private readonly tabs = new Map<TabKey, TabLine>();
  /** The tabs of the requests in flight per (origin, kind) that may prompt, oldest first. */
  private readonly promptsInFlight = new Map<string, TabKey[]>();

  constructor(
    /** True while an approval window of this (origin, kind) is open. */
    private readonly isShowing: (origin: string, kind: ApprovalKind) => boolean,
    options: {
      limiter?: RateLimiter;
      now?: () => number;
      maxInFlight?: number;
      maxQueued?: number;
    } = {},
  ) {
    this.limiter = options.limiter ?? new RateLimiter();
    this.now = options.now ?? Date.now;
    this.maxInFlight = options.maxInFlight ?? MAX_IN_FLIGHT_PER_TAB;
    this.maxQueued = options.maxQueued ?? MAX_QUEUED_PER_TAB;
  }

  private readonly now: () => number;
  private readonly maxInFlight: number;
  private readonly maxQueued: number;

  /**
   * Admits one request from `origin` arriving from `tab` (the tab's id, or a port when there is
   * no tab), or returns the error to answer it with. Past the tab's in-flight cap the ticket
   * waits in the tab's line (a dApp's burst of 200 reads is served, not refused); past the
   * line's length it is -32005. A slot is held until the ticket's `done`, which the host always
   * reaches (an answer, a 5-minute approval timeout, or 4900 when the transport is lost).
   */
  admit(origin: string, tab: TabKey, method: string): Ticket | ProviderRpcError {
    const now = this.now();
    const info = lookupMethod(method);
    const line = this.tabs.get(tab) ?? { inFlight: 0, waiting: [] };
    if (line.waiting.length >= this.maxQueued)
      return new LimitExceededError("Too many requests waiting from this tab");
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
    this.tabs.set(tab, line);
    if (pendingKey !== undefined) {
      const tabs = this.promptsInFlight.get(pendingKey);
      if (tabs) tabs.push(tab);
      else this.promptsInFlight.set(pendingKey, [tab]);
    }
    const place: TabLine["waiting"][number] = { started: line.inFlight < this.maxInFlight };
    if (place.started) line.inFlight++;
    else line.waiting.push(place);
    let settled = false;
    return {
      start: (send) => {
        if (settled) return;
        if (place.started) send();
        else place.send = send;
      },
      done: (errorCode) => {
        if (settled) return;
        settled = true;
        if (place.started) this.next(line);
        else line.waiting.splice(line.waiting.indexOf(place), 1);
        if (line.inFlight === 0 && line.waiting.length === 0) this.tabs.delete(tab);
        if (pendingKey !== undefined) this.releasePrompt(pendingKey, tab);
        if (kind !== undefined && errorCode === UserRejectedRequestError.code) {
          this.rejections.record(origin, this.now());
          this.tabRejections.record(String(tab), this.now());
        }
      },
    };
  }

  /** A slot of the tab freed: the next waiting ticket takes it and is sent. */
  private next(line: TabLine): void {
    const waiting = line.waiting.shift();
    if (!waiting) {
      line.inFlight--;
      return;
    }
    waiting.started = true;
    waiting.send?.();
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
}
