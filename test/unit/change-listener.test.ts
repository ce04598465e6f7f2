// The change listener's reconnect loop, on fake timers: one loop however a
// failure is reported, one connection, bounded attempts, a stop that leaves
// nothing behind.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { StampCache } from "@/lib/auth/stamp-cache";
import { backoffDelay, DEFAULT_BACKOFF, maxAttemptsAtCap } from "@/lib/db/backoff";
import type { ChangeListenerOptions } from "@/lib/db/change-listener";
import { connectListener } from "@/lib/live/wiring";
import { type Behaviour, fakeDatabase } from "../support/fake-listen-database";

function setup(behaviours: Behaviour[], options: ChangeListenerOptions = {}) {
  const fake = fakeDatabase({ behaviours });
  const cache = new StampCache({ read: async () => 1 });
  const onChange = vi.fn();
  const listener = connectListener(
    fake.db,
    { cache },
    {
      log: () => {},
      heartbeat: null,
      random: () => 0, // the shortest delays: the most attempts the policy allows
      onChange,
      ...options,
    },
  );
  return { ...fake, cache, onChange, listener };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe("ChangeListener reconnect loop", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("an outage is logged once when it starts and once when it ends, however many attempts it took", async () => {
    // An operator reads these lines: one pair per outage, not one line per retry.
    const log = vi.fn<(message: string) => void>();
    const t = setup(["fail", "fail", "fail", "succeed"], { log });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.listener.isLive).toBe(true);
    expect(log.mock.calls.map(([message]) => message)).toEqual([
      expect.stringMatching(/^change listener cannot subscribe \(.+\); reading the database per request$/),
      "listening again after 3 failed attempt(s); cache re-synced",
    ]);
    t.attempts[3]!.lose();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(log.mock.calls.slice(2).map(([message]) => message)).toEqual([
      "change listener lost (connection reset); reading the database per request",
      "listening again; cache re-synced",
    ]);
    await t.listener.stop();
  });

  it("a failure reported twice (the rejection and 'end') schedules one retry", async () => {
    const t = setup(["fail", "succeed"]);
    await flush();
    expect(t.attempts).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(1); // one backoff, not two
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.attempts).toHaveLength(2);
    expect(t.listener.isLive).toBe(true);
    expect(t.cache.isLive).toBe(true);
    await t.listener.stop();
  });

  it("a live connection lost and reported twice leads to one new connection", async () => {
    const t = setup(["succeed"]);
    await t.listener.started;
    t.attempts[0]!.lose();
    expect(t.cache.isLive).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.attempts).toHaveLength(2);
    expect(t.attempts[0]!.closed).toBe(true); // ended, so its socket is freed
    expect(t.listener.isLive).toBe(true);
    expect(t.onChange).toHaveBeenCalledWith(null); // everyone rechecks what they may have missed
    await t.listener.stop();
  });

  it("an attempt past its deadline is aborted; its late success is closed and never replaces the handle", async () => {
    const t = setup(["hang", "succeed"], { attemptTimeoutMs: 1_000 });
    await flush();
    expect(t.attempts[0]!.signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.attempts[0]!.signal?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(backoffDelay(1, DEFAULT_BACKOFF, () => 0));
    expect(t.attempts).toHaveLength(2);
    expect(t.listener.isLive).toBe(true);

    t.attempts[0]!.succeedLate();
    await flush();
    expect(t.attempts[0]!.handle.close).toHaveBeenCalledTimes(1);
    expect(t.listener.stats()).toMatchObject({ attempts: 2, lateClosed: 1, live: true });
    t.attempts[0]!.deliver("u:late");
    expect(t.onChange).not.toHaveBeenCalledWith(["late"]); // not listened to
    t.attempts[1]!.deliver("u:kept");
    expect(t.onChange).toHaveBeenCalledWith(["kept"]); // the adopted connection still is
    expect(t.attempts[1]!.handle.close).not.toHaveBeenCalled();
    await t.listener.stop();
    expect(t.attempts[1]!.handle.close).toHaveBeenCalledTimes(1);
  });

  it("against a refusing database, attempts stay bounded over time and one timer is pending at most", async () => {
    const t = setup(["fail"]);
    const counts: number[] = [];
    for (let second = 1; second <= 120; second++) {
      await vi.advanceTimersByTimeAsync(1_000);
      counts.push(t.attempts.length);
      expect(vi.getTimerCount()).toBe(1);
    }
    // At the cap each delay is at least capMs / 2 (2.5 s): at most 24 + 1 attempts a minute.
    expect(maxAttemptsAtCap(60_000, DEFAULT_BACKOFF)).toBe(25);
    const ramp = Math.ceil(Math.log2(DEFAULT_BACKOFF.capMs / DEFAULT_BACKOFF.baseMs));
    expect(counts[119]).toBeLessThanOrEqual(ramp + maxAttemptsAtCap(120_000, DEFAULT_BACKOFF));
    // No growth: each later minute holds no more attempts than the policy's cap allows.
    const lastMinute = counts[119]! - counts[59]!;
    expect(lastMinute).toBeLessThanOrEqual(maxAttemptsAtCap(60_000, DEFAULT_BACKOFF));
    expect(lastMinute).toBeGreaterThanOrEqual(60_000 / DEFAULT_BACKOFF.capMs); // it never gives up
    expect(t.listener.isLive).toBe(false);
    await t.listener.stop();
  });

  it("a Database that throws, or a subscriber that throws, does not stop the loop", async () => {
    const t = setup(["throw", "succeed"], {
      onChange: () => {
        throw new Error("subscriber broke");
      },
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.attempts).toHaveLength(2);
    expect(t.listener.isLive).toBe(true);
    t.attempts[1]!.deliver("u:a");
    t.attempts[1]!.lose();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.attempts).toHaveLength(3); // still looping
    expect(t.listener.isLive).toBe(true);
    await t.listener.stop();
  });

  it("delays are jittered and capped", async () => {
    const delays = (random: () => number) =>
      Array.from({ length: 12 }, (_, failures) => backoffDelay(failures, DEFAULT_BACKOFF, random));
    const low = delays(() => 0);
    const high = delays(() => 0.999);
    for (const [i, d] of low.entries()) expect(d).toBeLessThan(high[i]!); // the draw moves it
    expect(Math.max(...high)).toBeLessThanOrEqual(DEFAULT_BACKOFF.capMs);
    expect(low.at(-1)).toBe(DEFAULT_BACKOFF.capMs / 2); // never closer together than half the cap
    expect(high[0]).toBeLessThan(high[3]!); // grows until the cap

    // The listener draws from its random source: two instances retry at different moments.
    const early = setup(["fail"], { random: () => 0 });
    const late = setup(["fail"], { random: () => 0.999 });
    await vi.advanceTimersByTimeAsync(backoffDelay(1, DEFAULT_BACKOFF, () => 0));
    expect(early.attempts).toHaveLength(2);
    expect(late.attempts).toHaveLength(1);
    await Promise.all([early.listener.stop(), late.listener.stop()]);
  });

  it.each([
    ["waiting to retry", ["fail"] as Behaviour[]],
    ["in the middle of an attempt", ["hang"] as Behaviour[]],
    ["while live", ["succeed"] as Behaviour[]],
  ])("stop() %s leaves no timer, no connection and no further attempt", async (_when, behaviours) => {
    const t = setup(behaviours, { heartbeat: { everyMs: 100, timeoutMs: 50 } });
    await vi.advanceTimersByTimeAsync(120); // a heartbeat is under way when live
    await t.listener.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(t.cache.isLive).toBe(false);
    const attempts = t.attempts.length;
    if (behaviours[0] === "hang") {
      expect(t.attempts[0]!.signal?.aborted).toBe(true);
      t.attempts[0]!.succeedLate(); // arrives after stop: closed at once
      await flush();
    }
    expect(t.attempts.every((a) => a.behaviour === "fail" || a.closed)).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.attempts).toHaveLength(attempts);
  });
});
