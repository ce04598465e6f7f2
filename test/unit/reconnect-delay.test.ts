// lib/client/reconnect-delay.ts: the waits of the event stream client (and
// the token client's). Retry-After is read as seconds or an HTTP date and kept
// within [1 s, 10 min]; a blank one counts as absent. Jitter only lengthens a
// wait, by less than half. sleep() waits its time, less when aborted, nothing
// when already aborted, and leaves no timer or listener behind.
// (test/unit/permission-events.test.ts covers the backoff steps and the common
// Retry-After forms; this file covers the rest.)
import { afterEach, describe, expect, it, vi } from "vitest";
import { RECONNECT_MS, retryAfterMs, sleep, withJitter } from "@/lib/client/reconnect-delay";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("retryAfterMs", () => {
  it.each(["", "   "])("a blank header (%j) counts as absent", (header) => {
    expect(retryAfterMs(header)).toBeNull();
  });

  it("reads fractional seconds, and keeps the bounds themselves", () => {
    expect(retryAfterMs("1.5")).toBe(1_500);
    expect(retryAfterMs("1")).toBe(1_000);
    expect(retryAfterMs("600")).toBe(600_000);
    expect(retryAfterMs("601")).toBe(600_000);
  });

  it("never less than a second: a negative delay or a date already past waits a second", () => {
    expect(retryAfterMs("-30")).toBe(1_000);
    expect(retryAfterMs(new Date(1_000_000).toUTCString(), 5_000_000)).toBe(1_000);
  });

  it("a date far ahead is capped at ten minutes", () => {
    const now = Date.UTC(2030, 0, 1);
    expect(retryAfterMs(new Date(now + 86_400_000).toUTCString(), now)).toBe(600_000);
  });

  it("measures a date from the current time by default", () => {
    vi.useFakeTimers({ now: Date.UTC(2030, 0, 1, 12, 0, 0) });
    expect(retryAfterMs("Tue, 01 Jan 2030 12:00:45 GMT")).toBe(45_000);
  });
});

describe("withJitter", () => {
  it("spreads a wait over [ms, ms × 1.5), rounded to a millisecond", () => {
    expect(withJitter(1_001, () => 0.5)).toBe(1_251);
    expect(withJitter(RECONNECT_MS, () => 0.25)).toBe(2_250);
  });

  it("uses Math.random by default", () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    expect(withJitter(2_000)).toBe(2_500);
  });
});

describe("sleep", () => {
  it("resolves after its time, not before, and leaves no listener on the signal", async () => {
    vi.useFakeTimers();
    const signal = new AbortController().signal;
    const removed = vi.spyOn(signal, "removeEventListener");
    let done = false;
    void sleep(1_000, signal).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect(removed).toHaveBeenCalledWith("abort", expect.any(Function));
  });

  it("resolves as soon as its signal aborts, and clears its timer", async () => {
    vi.useFakeTimers();
    const abort = new AbortController();
    let done = false;
    void sleep(60_000, abort.signal).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(10);
    abort.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("resolves at once, setting no timer, when its signal has already aborted", async () => {
    vi.useFakeTimers();
    const abort = new AbortController();
    abort.abort();
    let done = false;
    void sleep(60_000, abort.signal).then(() => (done = true));
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });
});
