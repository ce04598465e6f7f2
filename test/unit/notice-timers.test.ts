import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { noticeTimers } from "@/lib/client/notice-timers";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("noticeTimers: notices leave by themselves", () => {
  it("each notice leaves its duration after it first showed, not restarted by newer ones", () => {
    const expire = vi.fn();
    const timers = noticeTimers(1000, expire);
    timers.sync([1]);
    vi.advanceTimersByTime(600);
    timers.sync([1, 2]);
    vi.advanceTimersByTime(399);
    expect(expire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expire.mock.calls).toEqual([[1]]);
    vi.advanceTimersByTime(600);
    expect(expire.mock.calls).toEqual([[1], [2]]);
  });

  it("a notice dismissed or replaced earlier has its timer cleared; stop clears all", () => {
    const expire = vi.fn();
    const timers = noticeTimers(1000, expire);
    timers.sync([1, 2]);
    timers.sync([2]);
    expect(vi.getTimerCount()).toBe(1);
    timers.stop();
    vi.advanceTimersByTime(5000);
    expect(expire).not.toHaveBeenCalled();
  });
});
