// lib/push/heartbeat-wheel.ts: one timer beats every open stream of the
// instance once a period. It runs only while it has members, never keeps the
// process alive, counts a member once, ignores the removal of one it does not
// hold, and a failed beat is logged without stopping the others.
// (test/unit/stream-registry.test.ts covers the spreading over the period,
// leaving while beating and a throwing member; this file covers the rest.)
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { HeartbeatWheel } from "@/lib/push/heartbeat-wheel";

const member = () => ({ beat: vi.fn() });

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("the wheel's timer", () => {
  it("a tick is the period shared among the slots: a lone member first beats one tick after it joined", () => {
    const wheel = new HeartbeatWheel(1_000, 4);
    const a = member();
    wheel.add(a);
    vi.advanceTimersByTime(249);
    expect(a.beat).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(a.beat).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_000);
    expect(a.beat).toHaveBeenCalledTimes(2); // once a period after that
  });

  it("never ticks faster than once a millisecond, however short the period", () => {
    const setIntervalSpy = vi.spyOn(globalThis, "setInterval");
    new HeartbeatWheel(3, 15).add(member());
    expect(setIntervalSpy).toHaveBeenCalledWith(expect.any(Function), 1);
  });

  it("does not keep the process alive (the timer is unref'd)", () => {
    const setIntervalSpy = vi.spyOn(globalThis, "setInterval");
    new HeartbeatWheel(15_000).add(member());
    const timer = setIntervalSpy.mock.results[0]!.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
  });

  it("runs while it has members: stops when the last leaves, and starts again for the next", () => {
    const wheel = new HeartbeatWheel(1_000, 1);
    const [a, b, c] = [member(), member(), member()];
    expect(wheel.running).toBe(false);
    wheel.add(a);
    wheel.add(b);
    wheel.remove(a);
    expect([wheel.running, wheel.members]).toEqual([true, 1]);
    wheel.remove(b);
    expect([wheel.running, vi.getTimerCount()]).toEqual([false, 0]);
    wheel.add(c);
    expect(wheel.running).toBe(true);
    vi.advanceTimersByTime(1_000);
    expect(c.beat).toHaveBeenCalledTimes(1);
    expect(b.beat).not.toHaveBeenCalled();
  });
});

describe("membership", () => {
  it("a member added again to the bucket it is in counts once, and one removal takes it out", () => {
    const wheel = new HeartbeatWheel(1_000, 1);
    const a = member();
    wheel.add(a);
    wheel.add(a);
    expect(wheel.members).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(a.beat).toHaveBeenCalledTimes(1);
    wheel.remove(a);
    expect(wheel.running).toBe(false);
  });

  it("removing a member it does not hold changes nothing", () => {
    const wheel = new HeartbeatWheel(1_000, 3);
    const a = member();
    wheel.add(a);
    wheel.remove(member());
    expect([wheel.members, wheel.running]).toEqual([1, true]);
    vi.advanceTimersByTime(1_000);
    expect(a.beat).toHaveBeenCalledTimes(1);
  });

  it("a removed member beats no more, while the others go on", () => {
    const wheel = new HeartbeatWheel(1_000, 2);
    const [a, b] = [member(), member()];
    wheel.add(a);
    wheel.add(b);
    vi.advanceTimersByTime(1_000);
    wheel.remove(a);
    vi.advanceTimersByTime(2_000);
    expect(a.beat).toHaveBeenCalledTimes(1);
    expect(b.beat).toHaveBeenCalledTimes(3);
  });
});

describe("a failed beat", () => {
  it("is logged with the error's message, or the value thrown, and the wheel goes on", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const wheel = new HeartbeatWheel(1_000, 1);
    const after = member();
    wheel.add({
      beat: () => {
        throw new Error("write after end");
      },
    });
    wheel.add({
      beat: () => {
        throw "socket gone"; // not an Error: some code throws plain values
      },
    });
    wheel.add(after);
    vi.advanceTimersByTime(2_000);
    expect(error.mock.calls.slice(0, 2)).toEqual([
      ["[events] heartbeat failed:", "write after end"],
      ["[events] heartbeat failed:", "socket gone"],
    ]);
    expect(after.beat).toHaveBeenCalledTimes(2);
    expect(wheel.running).toBe(true);
  });
});
