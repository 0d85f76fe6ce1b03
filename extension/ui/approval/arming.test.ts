import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ARM_DELAY_MS, Arming, SIMULATION_WAIT_MS } from "./arming.js";

/** A button as the arming sees it, and the page's focus and visibility events, without a DOM. */
function setup(waitForSimulation: boolean) {
  const button = { disabled: false, dataset: {} as DOMStringMap, setAttribute() {} };
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: "visible" as DocumentVisibilityState });
  const arming = new Arming(button, { waitForSimulation, now: () => Date.now(), win, doc });
  return { button, win, doc, arming };
}

describe("Arming", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("is disabled when shown and arms after the delay", () => {
    const { button, arming } = setup(false);
    expect(button.disabled).toBe(true);
    vi.advanceTimersByTime(ARM_DELAY_MS - 10);
    expect(arming.armed).toBe(false);
    vi.advanceTimersByTime(20);
    expect(button.disabled).toBe(false);
  });

  it("waits for the simulation, but not past the cap", () => {
    const first = setup(true);
    vi.advanceTimersByTime(ARM_DELAY_MS + 10);
    expect(first.button.disabled).toBe(true);
    first.arming.simulationShown();
    // The result is something new on screen: another delay before it may be approved.
    expect(first.button.disabled).toBe(true);
    vi.advanceTimersByTime(ARM_DELAY_MS + 10);
    expect(first.button.disabled).toBe(false);

    const second = setup(true);
    vi.advanceTimersByTime(SIMULATION_WAIT_MS + 10);
    expect(second.button.disabled).toBe(false);
  });

  it("disarms when the window regains focus or becomes visible", () => {
    const { button, win, doc } = setup(false);
    vi.advanceTimersByTime(ARM_DELAY_MS + 10);
    expect(button.disabled).toBe(false);
    win.dispatchEvent(new Event("focus"));
    expect(button.disabled).toBe(true);
    vi.advanceTimersByTime(ARM_DELAY_MS + 10);
    expect(button.disabled).toBe(false);
    doc.dispatchEvent(new Event("visibilitychange"));
    expect(button.disabled).toBe(true);
    vi.advanceTimersByTime(ARM_DELAY_MS + 10);
    expect(button.disabled).toBe(false);
  });

  it("stays disabled while blocked, whatever the time", () => {
    const { button, arming } = setup(false);
    arming.block("danger", true);
    vi.advanceTimersByTime(60_000);
    expect(button.disabled).toBe(true);
    expect(button.dataset.blocked).toBe("danger");
    arming.block("danger", false);
    expect(button.disabled).toBe(false);
    expect(button.dataset.blocked).toBe("");
  });
});
