/** setTimeout fires at once for delays above 2^31 − 1 ms, which would lock the vault immediately. */
const MAX_DELAY = 2 ** 31 - 1;
/**
 * How often the wall clock is read while a countdown runs. setTimeout counts a monotonic clock
 * that stops while the computer sleeps (libuv uses CLOCK_MONOTONIC), so a laptop closed for
 * the night would wake with its countdown where it left it; this poll notices the wall clock
 * moved past the deadline and locks within this long after waking.
 */
const WALL_CHECK_MS = 15_000;

/**
 * Calls `onIdle` once `ms` pass without `touch()`, counting both the monotonic clock (a timer)
 * and the wall clock (time asleep counts as idle). Its timers are unref()ed: a pending
 * auto-lock must never keep the process (the CLI, a test) alive.
 */
export class IdleTimer {
  private timer: NodeJS.Timeout | undefined;
  private poll: NodeJS.Timeout | undefined;
  private delay: number;
  /** The wall-clock time (ms since the epoch) at which the countdown ends. */
  private deadline = 0;

  constructor(
    private readonly onIdle: () => void,
    ms: number,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.delay = IdleTimer.check(ms);
  }

  /** Changes the delay; a running countdown restarts with it. */
  set ms(ms: number) {
    this.delay = IdleTimer.check(ms);
    if (this.timer) this.start();
  }

  get ms(): number {
    return this.delay;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Starts, or restarts, the countdown. */
  start(): void {
    this.stop();
    this.deadline = this.now() + this.delay;
    this.timer = setTimeout(() => this.fire(), this.delay);
    this.timer.unref();
    this.poll = setInterval(() => this.expired(), Math.min(WALL_CHECK_MS, this.delay));
    this.poll.unref();
  }

  /**
   * Restarts a running countdown; does nothing when stopped (a locked vault has nothing to
   * time). A countdown whose wall-clock deadline already passed (the computer slept) fires
   * instead: activity after waking must not revive a session that should have ended.
   */
  touch(): void {
    if (this.timer && !this.expired()) this.start();
  }

  /** Fires now when the wall clock is past the deadline. True when the countdown has ended. */
  expired(): boolean {
    if (!this.timer) return false;
    if (this.now() < this.deadline) return false;
    this.fire();
    return true;
  }

  stop(): void {
    clearTimeout(this.timer);
    clearInterval(this.poll);
    this.timer = undefined;
    this.poll = undefined;
  }

  private fire(): void {
    this.stop();
    this.onIdle();
  }

  private static check(ms: number): number {
    if (!Number.isInteger(ms) || ms < 1 || ms > MAX_DELAY) {
      throw new RangeError(`auto-lock delay must be an integer from 1 to ${MAX_DELAY} ms`);
    }
    return ms;
  }
}
