/**
 * A token bucket (https://en.wikipedia.org/wiki/Token_bucket): `capacity` tokens at most,
 * refilled continuously at `perSecond`. Time is passed in, so the same code runs in the
 * extension's background and in the host, and tests need no fake timers.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  /** True when a token is available at `now` (after refilling); takes nothing. */
  has(now: number): boolean {
    this.refill(now);
    return this.tokens >= 1;
  }

  /** Takes one token; false (and nothing taken) when the bucket is empty. */
  take(now: number): boolean {
    if (!this.has(now)) return false;
    this.spend();
    return true;
  }

  /** Takes the token that `has` just found, with no second refill. */
  spend(): void {
    this.tokens -= 1;
  }

  /** True when the bucket is full again, so an idle key can be forgotten. */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.capacity;
  }

  private refill(now: number): void {
    // A clock that steps backwards must not mint tokens, nor freeze the bucket forever.
    const elapsed = Math.max(0, now - this.last);
    this.last = Math.max(this.last, now);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed / 1000) * this.perSecond);
  }
}
