import { describe, expect, it, vi } from "vitest";
import { StampCache } from "@/lib/auth/stamp-cache";
import { ChangeListener } from "@/lib/db/change-listener";
import type { Database } from "@/lib/db/open";

/** A database whose notifications we deliver by hand; `deliverPings` decides if heartbeats come back. */
function fakeDatabase(options: { deliverPings: boolean }) {
  let onPayload: ((payload: string) => void) | null = null;
  const listens = vi.fn();
  const closes = vi.fn();
  const db = {
    sql: {
      query: vi.fn(async (_text: string, params?: unknown[]) => {
        const payload = String(params?.[1] ?? "");
        if (options.deliverPings) queueMicrotask(() => onPayload?.(payload));
        return [];
      }),
      exec: vi.fn(),
    },
    async listen(_channel: string, deliver: (payload: string) => void) {
      listens();
      onPayload = deliver;
      return { close: async () => void closes() };
    },
  } as unknown as Database;
  return { db, listens, closes, notify: (payload: string) => onPayload?.(payload) };
}

const quiet = { log: () => {}, retryDelays: [1_000] };

describe("ChangeListener", () => {
  it("drops the announced users from the cache and tells onChange", async () => {
    const fake = fakeDatabase({ deliverPings: true });
    const cache = new StampCache({ read: async () => 1 });
    const onChange = vi.fn();
    const listener = new ChangeListener(fake.db, cache, { ...quiet, heartbeat: null, onChange });
    await listener.started;
    expect(cache.isLive).toBe(true);
    await cache.read("a");
    fake.notify("u:a,b");
    expect(cache.stats().size).toBe(0);
    expect(onChange).toHaveBeenCalledWith(["a", "b"]);
    fake.notify("*");
    expect(onChange).toHaveBeenLastCalledWith(null);
    await listener.stop();
  });

  /** A listener with a fast heartbeat, on fake timers. */
  async function withHeartbeat(deliverPings: boolean, body: (t: ReturnType<typeof setup>) => Promise<void>) {
    vi.useFakeTimers();
    const t = setup(deliverPings);
    try {
      await t.listener.started;
      await body(t);
    } finally {
      await t.listener.stop();
      vi.useRealTimers();
    }
  }

  function setup(deliverPings: boolean) {
    const fake = fakeDatabase({ deliverPings });
    const cache = new StampCache({ read: async () => 1 });
    const onChange = vi.fn();
    const heartbeat = { everyMs: 100, timeoutMs: 50 };
    const listener = new ChangeListener(fake.db, cache, { ...quiet, heartbeat, onChange });
    return { fake, cache, onChange, listener };
  }

  it("sync() resolves once its echo is back, and a missing echo takes the cache dark", async () => {
    const heard = setup(true);
    await heard.listener.started;
    await heard.listener.sync(1_000);
    expect(heard.cache.isLive).toBe(true);
    expect(heard.fake.db.sql.query).toHaveBeenCalledWith("SELECT pg_notify($1, $2)", [
      "authz_changes",
      expect.stringMatching(/^echo:/),
    ]);
    await heard.listener.stop();

    const silent = setup(false);
    await silent.listener.started;
    await silent.listener.sync(20);
    expect(silent.cache.isLive).toBe(false);
    expect(silent.fake.closes).toHaveBeenCalledTimes(1);
    await silent.listener.stop();
  });

  it("keeps listening while heartbeats come back, and ignores them as changes", () =>
    withHeartbeat(true, async ({ fake, cache, onChange }) => {
      await vi.advanceTimersByTimeAsync(1_000);
      expect(cache.isLive).toBe(true);
      expect(onChange).not.toHaveBeenCalled();
      expect(fake.closes).not.toHaveBeenCalled();
    }));

  it("a silent connection (no heartbeat back) goes dark, re-subscribes, and makes everyone recheck", () =>
    withHeartbeat(false, async ({ fake, cache, onChange }) => {
      await vi.advanceTimersByTimeAsync(160);
      expect(cache.isLive).toBe(false);
      expect(fake.closes).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(fake.listens).toHaveBeenCalledTimes(2);
      expect(cache.isLive).toBe(true);
      expect(onChange).toHaveBeenCalledWith(null);
    }));
});
