import { describe, expect, it, vi } from "vitest";
import { StampCache } from "@/lib/auth/stamp-cache";

function source(initial: Record<string, number>) {
  const stamps = new Map(Object.entries(initial));
  const read = vi.fn(async (id: string) => stamps.get(id) ?? null);
  return { stamps, read, source: { read } };
}

describe("StampCache", () => {
  it("reads the database on every request until it is live", async () => {
    const db = source({ a: 1 });
    const cache = new StampCache(db.source);
    await cache.read("a");
    await cache.read("a");
    expect(db.read).toHaveBeenCalledTimes(2);
    expect(cache.stats()).toMatchObject({ bypassed: 2, size: 0, live: false });
  });

  it("serves repeated reads from memory once live", async () => {
    const db = source({ a: 1 });
    const cache = new StampCache(db.source);
    cache.goLive();
    expect(await cache.read("a")).toBe(1);
    expect(await cache.read("a")).toBe(1);
    expect(db.read).toHaveBeenCalledTimes(1);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, size: 1 });
  });

  it("forgets announced users only", async () => {
    const db = source({ a: 1, b: 1 });
    const cache = new StampCache(db.source);
    cache.goLive();
    await cache.read("a");
    await cache.read("b");
    db.stamps.set("a", 2);
    db.stamps.set("b", 2);
    cache.invalidate(["a"]);
    expect(await cache.read("a")).toBe(2);
    expect(await cache.read("b")).toBe(1); // not announced: still cached
  });

  it("does not keep a value read while a change was being announced", async () => {
    const db = source({ a: 1 });
    let release!: () => void;
    db.read.mockImplementationOnce(() => new Promise<number>((resolve) => (release = () => resolve(1))));
    const cache = new StampCache(db.source);
    cache.goLive();
    const slow = cache.read("a"); // reads the old stamp...
    db.stamps.set("a", 2);
    cache.invalidate(["a"]); // ...while the change is announced
    release();
    expect(await slow).toBe(1);
    expect(await cache.read("a")).toBe(2); // the stale value was not cached
  });

  it("going dark forgets everything and bypasses the cache; going live again starts empty", async () => {
    const db = source({ a: 1 });
    const cache = new StampCache(db.source);
    cache.goLive();
    await cache.read("a");
    cache.goDark();
    db.stamps.set("a", 5);
    expect(await cache.read("a")).toBe(5);
    expect(cache.stats().size).toBe(0);
    cache.goLive();
    expect(await cache.read("a")).toBe(5);
  });

  it("caches unknown users as null and stays bounded", async () => {
    const db = source({});
    const cache = new StampCache(db.source, 2);
    cache.goLive();
    expect(await cache.read("x")).toBeNull();
    await cache.read("y");
    await cache.read("z");
    expect(cache.stats().size).toBe(2);
  });
});
