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

  it("counts the wall clock too: time asleep ends the countdown", () => {
    vi.useFakeTimers();
    try {
      const onIdle = vi.fn();
      const timer = new IdleTimer(onIdle, 15 * 60_000);
      timer.start();
      vi.advanceTimersByTime(60_000);
      // A suspended machine: the wall clock jumps 8 hours, no timer has fired.
      vi.setSystemTime(Date.now() + 8 * 3600_000);
      expect(onIdle).not.toHaveBeenCalled();
      // The first activity after waking locks instead of restarting the countdown.
      timer.touch();
      expect(onIdle).toHaveBeenCalledTimes(1);
      expect(timer.running).toBe(false);

      // Without activity, the wall-clock poll locks within 15 s of waking.
      timer.start();
      vi.setSystemTime(Date.now() + 8 * 3600_000);
      vi.advanceTimersByTime(15_000);
      expect(onIdle).toHaveBeenCalledTimes(2);
      expect(timer.expired()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it("is not fooled by a wall clock set back: the monotonic timer still fires", () => {
    vi.useFakeTimers();
    try {
      const onIdle = vi.fn();
      const timer = new IdleTimer(onIdle, 60_000);
      timer.start();
      vi.setSystemTime(Date.now() - 3600_000);
      vi.advanceTimersByTime(60_000);
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
