// The per-request stamp read, served from memory. Entries are dropped when the
// database announces a change (the app's change listener; ours is connected in
// lib/live/wiring.ts). Its methods are the listener's contract: invalidate,
// invalidateAll, goLive, goDark and requireProof.
// While the listening connection is down or not yet re-synced, every read goes
// to the database: the cache only ever answers while notifications are flowing.
// Flowing is not enough on a starved instance (notifications unread in the
// socket): a remembered stamp is served only while the listener proves it has
// heard every change committed more than its bound ago (requireProof);
// otherwise that read goes to the database too.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type StampSource = {
  /** The user's current permissionsUpdatedAt in ms, or null when the user does not exist. */
  read(userId: string): Promise<number | null>;
};

/** One database round trip per read: the "strict" freshness mode, and the cache's fallback. */
export function databaseStamps(prisma: PrismaClient): StampSource {
  return {
    async read(userId) {
      const rows = await prisma.$queryRaw<{ permissionsUpdatedAt: Date }[]>`
        SELECT "permissionsUpdatedAt" FROM "User" WHERE id = ${userId}`;
      return rows[0]?.permissionsUpdatedAt.getTime() ?? null;
    },
  };
}

type StampCacheStats = {
  hits: number;
  misses: number;
  /** Read from the database while dark. */
  bypassed: number;
  /** Remembered, but read from the database: the listener could not prove it was current. */
  behind: number;
  size: number;
  live: boolean;
};

export class StampCache implements StampSource {
  private readonly entries = new Map<string, number | null>();
  /** Bumped by every invalidation; a database read that overlapped one is not cached. */
  private generation = 0;
  private live = false;
  private hits = 0;
  private misses = 0;
  private bypassed = 0;
  private behind = 0;
  /** Whether the listener has heard every change committed more than its bound ago. */
  private proven: () => boolean = () => true;

  constructor(
    private readonly database: StampSource,
    private readonly maxEntries = 100_000,
  ) {}

  async read(userId: string): Promise<number | null> {
    if (!this.live) {
      this.bypassed++;
      return this.database.read(userId);
    }
    const cached = this.entries.get(userId);
    if (cached === undefined) this.misses++;
    else if (this.proven()) {
      this.hits++;
      return cached;
    } else this.behind++;
    const generation = this.generation;
    const stamp = await this.database.read(userId);
    // If a change was announced while we were reading, our value may predate
    // it: answer with it (it was true when read) but do not keep it.
    if (this.live && generation === this.generation) this.remember(userId, stamp);
    return stamp;
  }

  /**
   * Answer from memory only while `proven()` holds (asked on every hit; it
   * must cost no more than a clock read). A read made meanwhile is still
   * remembered: it is as fresh as the database, and later changes drop it.
   */
  requireProof(proven: () => boolean): void {
    this.proven = proven;
  }

  /** Some users changed: forget them. */
  invalidate(userIds: readonly string[]): void {
    this.generation++;
    for (const id of userIds) this.entries.delete(id);
  }

  /** Anything may have changed: forget everything. */
  invalidateAll(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Notifications flow again: start caching from an empty cache (the re-sync). */
  goLive(): void {
    this.invalidateAll();
    this.live = true;
  }

  /** Notifications may be missed from now on: read the database on every request. */
  goDark(): void {
    this.live = false;
    this.invalidateAll();
  }

  get isLive(): boolean {
    return this.live;
  }

  stats(): StampCacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      bypassed: this.bypassed,
      behind: this.behind,
      size: this.entries.size,
      live: this.live,
    };
  }

  private remember(userId: string, stamp: number | null): void {
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(userId, stamp);
  }
}
