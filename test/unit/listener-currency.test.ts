// How current the change listener is: proved by the send time of the newest
// echo back, compared with the clock when the check runs. A starved loop is
// modelled by moving the clock while no timer or callback runs.
import { describe, expect, it, vi } from "vitest";
import { ListenerCurrency } from "@/lib/db/listener-currency";
import { StampCache } from "@/lib/auth/stamp-cache";
import { connectListener } from "@/lib/live/wiring";
import { fakeDatabase } from "../support/fake-listen-database";

const BOUND = 250;

function clock(start = 1_000) {
  const time = { now: start };
  return { time, read: () => time.now };
}

describe("ListenerCurrency", () => {
  it("proves nothing before an echo is back", () => {
    const { read } = clock();
    const currency = new ListenerCurrency(BOUND, read);
    expect(currency.proves()).toBe(false);
    expect(currency.lagMs()).toBeNull();
  });

  it("proves while the newest echo back was sent at most the bound ago, counted from its sending", () => {
    const { time, read } = clock();
    const currency = new ListenerCurrency(BOUND, read);
    const sentAt = currency.now();
    time.now += 5; // the round trip
    currency.heard(sentAt);
    expect(currency.lagMs()).toBe(5);
    time.now = sentAt + BOUND;
    expect(currency.proves()).toBe(true);
    time.now = sentAt + BOUND + 1;
    expect(currency.proves()).toBe(false);
  });

  it("an echo processed late on a starved loop proves only as much as when it was sent", () => {
    const { time, read } = clock();
    const currency = new ListenerCurrency(BOUND, read);
    const sentAt = currency.now();
    time.now += 2_000; // the loop was busy; the echo is read only now
    currency.heard(sentAt);
    expect(currency.proves()).toBe(false);
    expect(currency.lagMs()).toBe(2_000);
  });

  it("an older echo heard after a newer one does not move the proof back; forget() drops it", () => {
    const { time, read } = clock();
    const currency = new ListenerCurrency(BOUND, read);
    const older = currency.now();
    time.now += 100;
    const newer = currency.now();
    currency.heard(newer);
    currency.heard(older);
    time.now = newer + BOUND;
    expect(currency.proves()).toBe(true);
    currency.forget();
    expect(currency.proves()).toBe(false);
    expect(currency.lagMs()).toBeNull();
  });
});

describe("the listener's proof, as the stamp cache uses it", () => {
  const quiet = { log: () => {}, backoff: { baseMs: 1_000, capMs: 1_000 }, random: () => 1 };

  async function setup(echoes: boolean, now = clock()) {
    const { time, read } = now;
    const fake = fakeDatabase({ echoes });
    const database = { read: vi.fn(async () => 7) };
    const cache = new StampCache(database);
    const listener = connectListener(fake.db, { cache }, { ...quiet, maxStalenessMs: BOUND, clock: read });
    await listener.started;
    return { ...fake, time, cache, database, listener };
  }

  /** The markers of the echoes sent so far. */
  const sentEchoes = (db: ReturnType<typeof fakeDatabase>["db"]) =>
    vi.mocked(db.sql.query).mock.calls.map(([, params]) => String(params?.[1]));

  it("is current once the echo sent on going live is back, and a hit needs it", async () => {
    const t = await setup(true);
    await vi.waitFor(() => expect(t.listener.isCurrent()).toBe(true));
    await t.cache.read("a");
    await t.cache.read("a");
    expect(t.database.read).toHaveBeenCalledTimes(1);
    expect(t.cache.stats()).toMatchObject({ hits: 1, behind: 0 });
    await t.listener.stop();
  });

  it("a live connection on a starved loop is not current: the cache reads the database", async () => {
    const t = await setup(true);
    await vi.waitFor(() => expect(t.listener.isCurrent()).toBe(true));
    await t.cache.read("a");
    t.time.now += 1_500; // no timer ran, no notification was read: the loop was busy
    expect(t.listener.isLive).toBe(true);
    expect(t.listener.isCurrent()).toBe(false);
    expect(t.listener.lagMs()).toBeGreaterThanOrEqual(1_500);
    expect(await t.cache.read("a")).toBe(7);
    expect(t.database.read).toHaveBeenCalledTimes(2);
    expect(t.cache.stats()).toMatchObject({ hits: 0, behind: 1, size: 1 });
    // A new echo, sent now and back, proves it again.
    await t.listener.sync();
    expect(t.listener.isCurrent()).toBe(true);
    await t.cache.read("a");
    expect(t.cache.stats().hits).toBe(1);
    await t.listener.stop();
  });

  it("an echo sent before a stall and read after it does not make the listener current", async () => {
    const t = await setup(false);
    const pending = t.listener.sync(10_000);
    const marker = sentEchoes(t.db).at(-1); // the sync's (the first went out on going live)
    expect(marker).toMatch(/^echo:/);
    t.time.now += 2_000;
    t.attempts[0]!.deliver(marker!);
    await pending;
    expect(t.listener.isLive).toBe(true);
    expect(t.listener.lagMs()).toBe(2_000);
    expect(t.listener.isCurrent()).toBe(false);
    await t.listener.stop();
  });

  it("proves nothing across a lost connection, and the new one starts from its own echo", async () => {
    const t = await setup(true);
    await vi.waitFor(() => expect(t.listener.isCurrent()).toBe(true));
    t.attempts[0]!.lose();
    expect(t.listener.isCurrent()).toBe(false);
    expect(t.listener.lagMs()).toBeNull();
    await t.listener.stop();
  });

  it("stop() ends the waits without proving anything", async () => {
    const t = await setup(false);
    const pending = t.listener.sync(10_000);
    await t.listener.stop();
    await pending;
    expect(t.listener.isCurrent()).toBe(false);
    expect(t.listener.maxStalenessMs).toBe(BOUND);
  });

  it("by default sends an echo every half bound, so a listener that keeps up stays current", async () => {
    vi.useFakeTimers();
    try {
      // The faked Date moves with the timers, as the real clock does.
      const t = await setup(true, { time: { now: 0 }, read: () => Date.now() });
      const sent = () => sentEchoes(t.db).length;
      await vi.advanceTimersByTimeAsync(0);
      const first = sent();
      await vi.advanceTimersByTimeAsync(BOUND * 2);
      expect(sent() - first).toBe(4);
      expect(t.listener.isCurrent()).toBe(true);
      await t.listener.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
