/** setTimeout fires at once for delays above 2^31 − 1 ms, which would lock the vault immediately. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * Calls `onIdle` once `ms` pass without `touch()`. Its timer is unref()ed: a pending auto-lock
 * must never keep the process (the CLI, a test) alive.
 */
export class IdleTimer {
  private timer: NodeJS.Timeout | undefined;
  private delay: number;

  constructor(
    private readonly onIdle: () => void,
    ms: number,
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
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onIdle();
    }, this.delay);
    this.timer.unref();
  }

  /** Restarts a running countdown; does nothing when stopped (a locked vault has nothing to time). */
  touch(): void {
    if (this.timer) this.start();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private static check(ms: number): number {
    if (!Number.isInteger(ms) || ms < 1 || ms > MAX_DELAY) {
      throw new RangeError(`auto-lock delay must be an integer from 1 to ${MAX_DELAY} ms`);
    }
    return ms;
  }
}
