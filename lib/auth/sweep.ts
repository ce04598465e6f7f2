// Housekeeping for tables that only grow (ended sessions, expired sign-in
// counts): no scheduler to run or forget, the request that comes along when a
// sweep is due runs one small batch. At most once per interval per process, so
// a flood of sign-ins costs one delete a minute, not one per sign-in.
import type { PrismaClient } from "@/lib/generated/prisma/client";

type Sweep = (prisma: PrismaClient, now: number) => Promise<unknown>;

/** `sweep`, run by at most one caller per `everyMs`; the others return at once. */
export function sweepAtMostEvery(
  everyMs: number,
  sweep: Sweep,
): (prisma: PrismaClient, now: number) => Promise<void> {
  let nextAt = 0;
  return async (prisma, now) => {
    if (now < nextAt) return;
    nextAt = now + everyMs;
    await sweep(prisma, now);
  };
}
