/** How long approve stays inert after the window is shown, regains focus, or a warning appears. */
export const ARM_DELAY_MS = 500;
/** A transaction waits for its simulation to be shown at most this long after the window is. */
export const SIMULATION_WAIT_MS = 3000;

/**
 * When the approve button may be pressed. A page can open the window under the pointer and time
 * a click for it, or change what the window says just before a click lands; so approve stays
 * disabled for a moment after anything the person should see (the window, its focus, a new
 * warning, the simulation's result), and for as long as anything blocks it (an unacknowledged
 * danger, an invalid fee). The host checks the acknowledgement again; this only spares a slip.
 */
export class Arming {
  private notBefore: number;
  private readonly simulationDeadline: number;
  private simulated: boolean;
  private readonly blocks = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private armedNow = false;

  private readonly now: () => number;

  constructor(
    private readonly button: HTMLButtonElement,
    options: { waitForSimulation: boolean; now?: () => number },
  ) {
    this.now = options.now ?? (() => performance.now());
    const shown = this.now();
    this.notBefore = shown + ARM_DELAY_MS;
    this.simulationDeadline = shown + SIMULATION_WAIT_MS;
    this.simulated = !options.waitForSimulation;
    button.disabled = true;
    window.addEventListener("focus", () => this.rearm());
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") this.rearm();
    });
    this.update();
  }

  get armed(): boolean {
    return this.armedNow;
  }

  /** Disarms now and arms again after the delay (focus regained, a warning appeared). */
  rearm(): void {
    this.notBefore = Math.max(this.notBefore, this.now() + ARM_DELAY_MS);
    this.update();
  }

  /** The simulation's result (or that there is none) is on screen. */
  simulationShown(): void {
    if (this.simulated) return;
    this.simulated = true;
    this.rearm();
  }

  /** Keeps approve disabled while `on` for `reason` (an unticked acknowledgement, a bad fee). */
  block(reason: string, on: boolean): void {
    if (on) this.blocks.add(reason);
    else this.blocks.delete(reason);
    this.update();
  }

  private update(): void {
    clearTimeout(this.timer);
    const now = this.now();
    const readyAt = Math.max(this.notBefore, this.simulated ? 0 : this.simulationDeadline);
    this.armedNow = this.blocks.size === 0 && now >= readyAt;
    this.button.disabled = !this.armedNow;
    this.button.setAttribute("aria-disabled", String(!this.armedNow));
    // What holds approve besides time ("danger", "fee"), for people inspecting it and for tests.
    this.button.dataset.blocked = [...this.blocks].join(" ");
    if (this.blocks.size === 0 && now < readyAt) {
      this.timer = setTimeout(() => this.update(), readyAt - now + 1);
    }
  }
}
