// What GET /api/health reports (lib/live/health.ts) in each state a load
// balancer must tell apart: the database up, refusing or silent; the change
// listener live, dark or never started; and the freshness mode with its
// promise. The database and the live instance are the test's own
// (setAppDatabase, liveSlot); only the settings are mocked.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Database } from "@/lib/db/open";
import type { LiveInstance } from "@/lib/live/instance";
import { setAppDatabase } from "../support/app-database";

const configured = vi.hoisted(() => ({
  freshness: "cached" as string,
  freshnessSeconds: 30,
  maxStalenessMs: 5_000,
}));
vi.mock("@/lib/env", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/env")>();
  return { ...original, env: () => ({ ...original.env(), ...configured }) };
});

const { instanceHealth } = await import("@/lib/live/health");
const { liveSlot } = await import("@/lib/live/instance");
const { freshnessPromise } = await import("@/lib/env");

/** A database whose every query answers as `answer` says. */
function databaseAnswering(answer: () => Promise<unknown>) {
  const query = vi.fn(answer);
  setAppDatabase({ sql: { query } } as unknown as Database);
  return query;
}

function listenerThatIs(isLive: boolean, lagMs: number | null): void {
  const listener = { isLive, lagMs: () => lagMs };
  liveSlot.set(Promise.resolve({ listener } as unknown as LiveInstance));
}

beforeEach(() => {
  Object.assign(configured, { freshness: "cached", freshnessSeconds: 30, maxStalenessMs: 5_000 });
  databaseAnswering(() => Promise.resolve({ rows: [{ "?column?": 1 }] }));
  listenerThatIs(true, 12.6);
});
afterEach(() => {
  liveSlot.set(undefined);
  vi.useRealTimers();
});

describe("instanceHealth", () => {
  it("ok: the database answers and the listener is live, with its lag in whole ms and the staleness bound", async () => {
    const query = databaseAnswering(() => Promise.resolve({ rows: [] }));
    expect(await instanceHealth()).toEqual({
      status: "ok",
      database: "up",
      listener: "live",
      listenerLagMs: 13,
      maxStalenessMs: 5_000,
      freshness: { mode: "cached", seconds: null, promise: freshnessPromise("cached", 30) },
    });
    expect(query).toHaveBeenCalledWith("SELECT 1");
  });

  it("a live listener that has heard no echo yet reports no lag rather than zero", async () => {
    listenerThatIs(true, null);
    expect(await instanceHealth()).toMatchObject({ status: "ok", listener: "live", listenerLagMs: null });
  });

  it("degraded while the listener is dark, and when the live instance could not start at all", async () => {
    listenerThatIs(false, null);
    expect(await instanceHealth()).toMatchObject({
      status: "degraded",
      database: "up",
      listener: "dark",
      listenerLagMs: null,
      maxStalenessMs: 5_000,
    });
    const failed = Promise.reject(new Error("LISTEN refused"));
    failed.catch(() => {});
    liveSlot.set(failed as Promise<LiveInstance>);
    expect(await instanceHealth()).toMatchObject({
      status: "degraded",
      listener: "dark",
      listenerLagMs: null,
      maxStalenessMs: 5_000,
    });
  });

  it("degraded when the database refuses the probe or cannot be opened; the listener is still reported", async () => {
    databaseAnswering(() => Promise.reject(new Error("connection refused")));
    expect(await instanceHealth()).toMatchObject({ status: "degraded", database: "down", listener: "live" });
    setAppDatabase(null);
    expect(await instanceHealth()).toMatchObject({ status: "degraded", database: "down" });
  });

  it("a silent database is down after 2 s, not a hanging probe", async () => {
    vi.useFakeTimers();
    databaseAnswering(() => new Promise(() => {}));
    let answer: Awaited<ReturnType<typeof instanceHealth>> | undefined;
    void instanceHealth().then((health) => (answer = health));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(answer).toMatchObject({ status: "degraded", database: "down" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a probe that answers leaves no timer behind", async () => {
    vi.useFakeTimers();
    expect(await instanceHealth()).toMatchObject({ database: "up" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the modes without a stamp cache report the listener off, whatever its state; lazy and short give their interval", async () => {
    listenerThatIs(false, null);
    for (const mode of ["lazy", "short"]) {
      configured.freshness = mode;
      expect(await instanceHealth()).toEqual({
        status: "ok",
        database: "up",
        listener: "off",
        listenerLagMs: null,
        maxStalenessMs: null,
        freshness: { mode, seconds: 30, promise: freshnessPromise(mode as "lazy" | "short", 30) },
      });
    }
    for (const mode of ["strict", "off"]) {
      configured.freshness = mode;
      expect(await instanceHealth()).toMatchObject({
        status: "ok",
        listener: "off",
        freshness: { mode, seconds: null },
      });
    }
  });

  it("reauth reads the stamp cache, so its listener counts", async () => {
    configured.freshness = "reauth";
    listenerThatIs(false, null);
    expect(await instanceHealth()).toMatchObject({
      status: "degraded",
      listener: "dark",
      freshness: { mode: "reauth", seconds: null },
    });
  });
});
