// Housekeeping sweeps run at most once per interval per process, whoever
// calls, and a failing sweep is not retried on every following request.
import { describe, expect, it } from "vitest";
import { sweepAtMostEvery } from "@/lib/auth/sweep";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const prisma = {} as PrismaClient;

describe("sweepAtMostEvery", () => {
  it("under a flood (1,000 calls within one interval) sweeps once, then once more when due", async () => {
    const runs: number[] = [];
    const sweep = sweepAtMostEvery(60_000, async (_prisma, now) => runs.push(now));
    const start = 5_000_000;
    for (let call = 0; call < 1000; call++) await sweep(prisma, start + call * 59);
    expect(runs).toEqual([start]);
    await sweep(prisma, start + 60_000);
    expect(runs).toEqual([start, start + 60_000]);
  });

  it("passes the database and the time on, and each sweeper keeps its own interval", async () => {
    const seen: [string, PrismaClient, number][] = [];
    const sessions = sweepAtMostEvery(1000, async (db, now) => seen.push(["sessions", db, now]));
    const limits = sweepAtMostEvery(1000, async (db, now) => seen.push(["limits", db, now]));
    await sessions(prisma, 10);
    await limits(prisma, 20);
    await sessions(prisma, 30);
    expect(seen).toEqual([
      ["sessions", prisma, 10],
      ["limits", prisma, 20],
    ]);
  });

  it("a failing sweep rejects its caller once; the next tries wait for the next interval", async () => {
    let attempts = 0;
    const sweep = sweepAtMostEvery(1000, async () => {
      attempts++;
      throw new Error("database down");
    });
    await expect(sweep(prisma, 0)).rejects.toThrow("database down");
    for (let call = 1; call < 100; call++) await sweep(prisma, call);
    expect(attempts).toBe(1);
    await expect(sweep(prisma, 1000)).rejects.toThrow("database down");
    expect(attempts).toBe(2);
  });
});
