// Notifications, the echo barrier (sync) and the heartbeat that catches a
// connection that died silently.
import { describe, expect, it, vi } from "vitest";
import { StampCache } from "@/lib/auth/stamp-cache";
import { DEFAULT_MAX_STALENESS_MS } from "@/lib/db/change-listener";
import { heartbeatOf } from "@/lib/db/change-listener-options";
import { connectListener } from "@/lib/live/wiring";
import { fakeDatabase } from "../support/fake-listen-database";

const quiet = { log: () => {}, backoff: { baseMs: 1_000, capMs: 1_000 }, random: () => 1 };

function setup(echoes: boolean, heartbeat: { everyMs: number; timeoutMs: number } | null) {
  const fake = fakeDatabase({ echoes });
  const cache = new StampCache({ read: async () => 1 });
  const onChange = vi.fn();
  const listener = connectListener(fake.db, { cache }, { ...quiet, heartbeat, onChange });
  return { ...fake, cache, onChange, listener };
}

/** A listener with a fast heartbeat, on fake timers. */
async function withHeartbeat(echoes: boolean, body: (t: ReturnType<typeof setup>) => Promise<void>) {
  vi.useFakeTimers();
  const t = setup(echoes, { everyMs: 100, timeoutMs: 50 });
  try {
    await t.listener.started;
    await body(t);
  } finally {
    await t.listener.stop();
    vi.useRealTimers();
  }
}

describe("ChangeListener notifications and heartbeat", () => {
  it("drops the announced users from the cache and tells onChange", async () => {
    const t = setup(true, null);
    await t.listener.started;
    expect(t.cache.isLive).toBe(true);
    await t.cache.read("a");
    t.attempts[0]!.deliver("u:a,b");
    expect(t.cache.stats().size).toBe(0);
    expect(t.onChange).toHaveBeenCalledWith(["a", "b"]);
    t.attempts[0]!.deliver("*");
    expect(t.onChange).toHaveBeenLastCalledWith(null);
    await t.listener.stop();
  });

  it("sync() resolves once its echo is back, and a missing echo takes the cache dark", async () => {
    const heard = setup(true, null);
    await heard.listener.started;
    await heard.listener.sync(1_000);
    expect(heard.cache.isLive).toBe(true);
    expect(heard.db.sql.query).toHaveBeenCalledWith("SELECT pg_notify($1, $2)", [
      "authz_changes",
      expect.stringMatching(/^echo:/),
    ]);
    await heard.listener.stop();

    const silent = setup(false, null);
    await silent.listener.started;
    await silent.listener.sync(20);
    expect(silent.cache.isLive).toBe(false);
    await vi.waitFor(() => expect(silent.attempts[0]!.handle.close).toHaveBeenCalledTimes(1));
    await silent.listener.stop();
  });

  it("keeps listening while heartbeats come back, and ignores them as changes", () =>
    withHeartbeat(true, async ({ attempts, cache, onChange }) => {
      await vi.advanceTimersByTimeAsync(1_000);
      expect(cache.isLive).toBe(true);
      expect(onChange).not.toHaveBeenCalled();
      expect(attempts).toHaveLength(1);
      expect(attempts[0]!.handle.close).not.toHaveBeenCalled();
    }));

  it("a silent connection (no heartbeat back) goes dark, re-subscribes, and makes everyone recheck", () =>
    withHeartbeat(false, async ({ attempts, cache, onChange }) => {
      // The first echo goes out as the connection goes live and is not back by 50 ms.
      await vi.advanceTimersByTimeAsync(60);
      expect(cache.isLive).toBe(false);
      expect(attempts[0]!.handle.close).toHaveBeenCalledTimes(1);
      // Back after the 1 s backoff (at 1,050 ms), before its own first echo times out.
      await vi.advanceTimersByTimeAsync(1_000);
      expect(attempts).toHaveLength(2);
      expect(cache.isLive).toBe(true);
      expect(onChange).toHaveBeenCalledWith(null);
    }));
});

describe("heartbeatOf: the default heartbeat follows the staleness bound", () => {
  it("an echo every half bound (at least every 10 s), each expected back within 3 s; one asked for wins", () => {
    expect(heartbeatOf({})).toEqual({ everyMs: DEFAULT_MAX_STALENESS_MS / 2, timeoutMs: 3_000 });
    expect(heartbeatOf({ maxStalenessMs: 4_000 })).toEqual({ everyMs: 2_000, timeoutMs: 3_000 });
    expect(heartbeatOf({ maxStalenessMs: 60_000 })).toEqual({ everyMs: 10_000, timeoutMs: 3_000 });
    expect(heartbeatOf({ heartbeat: null })).toBeNull();
    const asked = { everyMs: 7, timeoutMs: 8 };
    expect(heartbeatOf({ maxStalenessMs: 4_000, heartbeat: asked })).toBe(asked);
  });
});
