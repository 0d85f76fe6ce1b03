import { describe, expect, it, vi } from "vitest";
import { IdleTimer } from "./IdleTimer.js";

describe("IdleTimer", () => {
  it("fires once after the delay, restarts on touch, and does nothing once stopped", () => {
    vi.useFakeTimers();
    try {
      const onIdle = vi.fn();
      const timer = new IdleTimer(onIdle, 100);
      timer.touch();
      vi.advanceTimersByTime(200);
      expect(onIdle).not.toHaveBeenCalled();
      timer.start();
      vi.advanceTimersByTime(60);
      timer.touch();
      vi.advanceTimersByTime(60);
      expect(onIdle).not.toHaveBeenCalled();
      vi.advanceTimersByTime(40);
      expect(onIdle).toHaveBeenCalledTimes(1);
      expect(timer.running).toBe(false);
      timer.start();
      timer.stop();
      vi.advanceTimersByTime(1000);
      expect(onIdle).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("does not keep the process alive", () => {
    const timer = new IdleTimer(() => undefined, 60_000);
    timer.start();
    const handle = (timer as unknown as { timer: NodeJS.Timeout }).timer;
    expect(handle.hasRef()).toBe(false);
    timer.stop();
  });

  it("refuses delays setTimeout would not honour", () => {
    expect(() => new IdleTimer(() => undefined, 0)).toThrow(RangeError);
    expect(() => new IdleTimer(() => undefined, 2 ** 31)).toThrow(RangeError);
    expect(() => new IdleTimer(() => undefined, 1.5)).toThrow(RangeError);
  });
});
