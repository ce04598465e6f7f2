// Session.lastSeenAt, written at most once a minute per session and never on
// the request's own path: touch() only compares a timestamp in memory, and
// when a write is due it starts it without waiting (its failure is logged,
// never the request's). The memory is bounded: past MAX_TRACKED sessions the
// oldest entry is dropped, which at worst costs that session one early write.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { onePerProcess, processSlot } from "@/lib/process-state";

export const LAST_SEEN_INTERVAL_MS = 60_000;
const MAX_TRACKED = 10_000;

export class LastSeen {
  private readonly writtenAt = new Map<string, number>();
  /** Writes started; read by tests and the bench. */
  writes = 0;

  constructor(
    private readonly write: (sessionId: string, at: Date) => Promise<unknown>,
    private readonly intervalMs = LAST_SEEN_INTERVAL_MS,
    private readonly maxTracked = MAX_TRACKED,
  ) {}

  /** Records that `sessionId` made a request at `now`; writes only when the last write is an interval old. */
  touch(sessionId: string, now = Date.now()): void {
    const last = this.writtenAt.get(sessionId);
    if (last !== undefined && now - last < this.intervalMs) return;
    if (last === undefined && this.writtenAt.size >= this.maxTracked) {
      const oldest = this.writtenAt.keys().next().value;
      if (oldest !== undefined) this.writtenAt.delete(oldest);
    }
    this.writtenAt.delete(sessionId); // re-inserted last: the map stays in write order
    this.writtenAt.set(sessionId, now);
    this.writes++;
    this.write(sessionId, new Date(now)).catch((error: unknown) =>
      console.warn("[auth] could not record a session's last request:", error),
    );
  }

  get tracked(): number {
    return this.writtenAt.size;
  }
}

/** This process's tracker for `prisma`, whichever bundle asks (lib/process-state.ts). */
export function lastSeenFor(prisma: PrismaClient): LastSeen {
  const trackers = onePerProcess(
    processSlot<WeakMap<PrismaClient, LastSeen>>("lastSeen"),
    () => new WeakMap(),
  );
  let tracker = trackers.get(prisma);
  if (!tracker) {
    tracker = new LastSeen(
      (id, at) =>
        prisma.$executeRaw`UPDATE "Session" SET "lastSeenAt" = ${at} WHERE id = ${id} AND "lastSeenAt" < ${at}`,
    );
    trackers.set(prisma, tracker);
  }
  return tracker;
}
