import { afterEach, describe, expect, it, vi } from "vitest";
import { HeartbeatWheel } from "@/lib/push/heartbeat-wheel";
import { RETRY_AFTER_SECONDS, StreamRegistry, type StreamSlot } from "@/lib/push/stream-registry";

function registry(perUser: number, perInstance: number) {
  return new StreamRegistry(() => ({ perUser, perInstance }));
}

function take(r: StreamRegistry, userId: string): StreamSlot {
  const slot = r.acquire(userId);
  if ("refused" in slot) throw new Error(`refused: ${slot.refused}`);
  return slot;
}

describe("stream registry", () => {
  it("refuses a user past the per-user cap, while other users still get slots", () => {
    const r = registry(2, 100);
    take(r, "a");
    take(r, "a");
    expect(r.acquire("a")).toEqual({ refused: "user", retryAfterSeconds: RETRY_AFTER_SECONDS.user });
    expect("refused" in r.acquire("b")).toBe(false);
    expect(r.openFor("a")).toBe(2);
    expect(r.open).toBe(3);
  });

  it("refuses everyone past the per-instance cap", () => {
    const r = registry(10, 3);
    take(r, "a");
    take(r, "b");
    take(r, "c");
    expect(r.acquire("d")).toEqual({ refused: "instance", retryAfterSeconds: RETRY_AFTER_SECONDS.instance });
    expect(r.acquire("a")).toMatchObject({ refused: "instance" });
  });

  it("a released slot is free again, and releasing twice gives back one slot only", () => {
    const r = registry(1, 2);
    const slot = take(r, "a");
    slot.release();
    slot.release();
    expect(r.open).toBe(0);
    expect(r.users).toBe(0);
    take(r, "a");
    take(r, "b");
    expect(r.acquire("c")).toMatchObject({ refused: "instance" });
  });

  it("counts stay exact through thousands of interleaved acquires and releases", () => {
    const r = registry(3, 50);
    const held: StreamSlot[] = [];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5000; i++) {
      if (held.length > 0 && random() < 0.45) {
        const slot = held.splice(Math.floor(random() * held.length), 1)[0]!;
        slot.release();
        if (random() < 0.3) slot.release(); // a stream ending two ways at once
      } else {
        const slot = r.acquire(`u${Math.floor(random() * 30)}`);
        if (!("refused" in slot)) held.push(slot);
      }
      expect(r.open).toBe(held.length);
      expect(r.open).toBeLessThanOrEqual(50);
    }
    for (let u = 0; u < 30; u++) {
      const mine = held.filter((s) => s.userId === `u${u}`).length;
      expect(r.openFor(`u${u}`)).toBe(mine);
      expect(mine).toBeLessThanOrEqual(3);
    }
    for (const slot of held) slot.release();
    expect([r.open, r.users]).toEqual([0, 0]);
  });

  it("reads the limits on every acquire", () => {
    let perUser = 1;
    const r = new StreamRegistry(() => ({ perUser, perInstance: 10 }));
    take(r, "a");
    expect(r.acquire("a")).toMatchObject({ refused: "user" });
    perUser = 2;
    take(r, "a");
  });
});

describe("heartbeat wheel", () => {
  afterEach(() => vi.useRealTimers());

  it("beats every member once a period on one timer, spread over the period, and stops when empty", () => {
    vi.useFakeTimers();
    const wheel = new HeartbeatWheel(15_000, 15);
    const beats = new Map<number, number[]>();
    const members = Array.from({ length: 30 }, (_, i) => ({
      beat: () => beats.set(i, [...(beats.get(i) ?? []), Date.now()]),
    }));
    const start = Date.now();
    for (const member of members) wheel.add(member);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(beats.size).toBe(2); // one bucket of two members per tick, not all thirty at once
    vi.advanceTimersByTime(29_000);
    for (let i = 0; i < 30; i++) {
      const times = beats.get(i)!;
      expect(times).toHaveLength(2);
      expect(times[1]! - times[0]!).toBe(15_000);
      expect(times[0]! - start).toBeLessThanOrEqual(15_000);
    }
    for (const member of members) wheel.remove(member);
    expect(wheel.running).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a member may leave while it beats, and one that throws does not stop the others", () => {
    vi.useFakeTimers();
    const wheel = new HeartbeatWheel(1_000, 1);
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    let others = 0;
    const leaving = { beat: () => wheel.remove(leaving) };
    const throwing = {
      beat: () => {
        throw new Error("boom");
      },
    };
    const counting = { beat: () => void others++ };
    for (const member of [leaving, throwing, counting]) wheel.add(member);
    vi.advanceTimersByTime(2_000);
    expect(wheel.members).toBe(2);
    expect(others).toBe(2);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});
