/** Limits for {@link SourceLimiter}; the defaults suit one extension reconnecting now and then. */
export interface SourceLimits {
  /** Handshakes (upgrade requests) admitted per source per window. */
  maxHandshakes: number;
  windowMs: number;
  /** Failures forgiven before backoff starts. */
  freeFailures: number;
  /** First backoff, doubled on each further failure up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_SOURCE_LIMITS: SourceLimits = {
  maxHandshakes: 40,
  windowMs: 10_000,
  freeFailures: 5,
  baseBackoffMs: 1_000,
  maxBackoffMs: 30_000,
};

interface Entry {
  windowStart: number;
  count: number;
  failures: number;
  lastFailure: number;
  blockedUntil: number;
}

const MAX_ENTRIES = 1024;

/**
 * Per-source (remote address) handshake rate limit and failure backoff (docs/security.md T12). It is
 * not what keeps intruders out — authentication is — but it stops a local process from burning
 * CPU on handshakes or hammering the pairing path. On loopback every peer shares 127.0.0.1, so a
 * hostile process can delay the extension by at most `maxBackoffMs`; it can never get in.
 */
export class SourceLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly limits: SourceLimits = DEFAULT_SOURCE_LIMITS) {}

  /** Whether a new handshake from `source` may proceed. */
  admit(source: string, now = Date.now()): "ok" | "rate" | "backoff" {
    const entry = this.entry(source, now);
    if (now < entry.blockedUntil) return "backoff";
    if (now - entry.windowStart >= this.limits.windowMs) {
      entry.windowStart = now;
      entry.count = 0;
    }
    entry.count++;
    return entry.count > this.limits.maxHandshakes ? "rate" : "ok";
  }

  /** Records a refused or failed handshake from `source`. */
  fail(source: string, now = Date.now()): void {
    const entry = this.entry(source, now);
    // Failures are forgotten once a source has been quiet for twice the longest backoff.
    if (now - entry.lastFailure > 2 * this.limits.maxBackoffMs) entry.failures = 0;
    entry.failures++;
    entry.lastFailure = now;
    const over = entry.failures - this.limits.freeFailures;
    if (over > 0) {
      const delay = Math.min(
        this.limits.baseBackoffMs * 2 ** Math.min(over - 1, 30),
        this.limits.maxBackoffMs,
      );
      entry.blockedUntil = now + delay;
    }
  }

  private entry(source: string, now: number): Entry {
    let entry = this.entries.get(source);
    if (entry === undefined) {
      // Bounded memory: a flood of distinct sources drops the oldest entries first.
      if (this.entries.size >= MAX_ENTRIES) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
      entry = { windowStart: now, count: 0, failures: 0, lastFailure: 0, blockedUntil: 0 };
      this.entries.set(source, entry);
    }
    return entry;
  }
}
