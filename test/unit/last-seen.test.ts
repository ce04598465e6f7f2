// Session.lastSeenAt is written at most once a minute per session, however
// many requests arrive, and the memory that decides it stays bounded.
import { describe, expect, it } from "vitest";
import { LAST_SEEN_INTERVAL_MS, LastSeen } from "@/lib/auth/last-seen";

function tracker(maxTracked?: number) {
  const writes: [string, number][] = [];
  const seen = new LastSeen(
    async (id, at) => writes.push([id, at.getTime()]),
    LAST_SEEN_INTERVAL_MS,
    maxTracked,
  );
  return { seen, writes };
}

describe("last seen", () => {
  it("under load (100 sessions × 1,000 requests within a minute): one write per session", () => {
    const { seen, writes } = tracker();
    const start = 1_000_000;
    for (let request = 0; request < 1000; request++)
      for (let s = 0; s < 100; s++) seen.touch(`s${s}`, start + request * 50);
    expect(writes).toHaveLength(100);
    expect(seen.writes).toBe(100);
  });

  it("writes again once the interval has passed, not before", () => {
    const { seen, writes } = tracker();
    seen.touch("a", 0);
    seen.touch("a", LAST_SEEN_INTERVAL_MS - 1);
    expect(writes).toEqual([["a", 0]]);
    seen.touch("a", LAST_SEEN_INTERVAL_MS);
    expect(writes).toEqual([
      ["a", 0],
      ["a", LAST_SEEN_INTERVAL_MS],
    ]);
  });

  it("keeps at most maxTracked sessions in memory, dropping the oldest", () => {
    const { seen, writes } = tracker(3);
    for (const id of ["a", "b", "c", "d"]) seen.touch(id, 0);
    expect(seen.tracked).toBe(3);
    seen.touch("b", 1); // still remembered: no write
    seen.touch("a", 1); // forgotten: written again
    expect(writes.map(([id]) => id)).toEqual(["a", "b", "c", "d", "a"]);
    expect(seen.tracked).toBe(3);
  });

  it("a failed write is logged, never thrown at the request", async () => {
    const messages: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void messages.push(args[0]);
    try {
      const seen = new LastSeen(() => Promise.reject(new Error("database down")));
      expect(() => seen.touch("a", 0)).not.toThrow();
      await new Promise((resolve) => setImmediate(resolve));
      expect(messages).toEqual([expect.stringContaining("last request")]);
    } finally {
      console.warn = original;
    }
  });
});
