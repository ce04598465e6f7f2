// The one place that connects this instance's live parts: the change
// listener (lib/db) reports what the database announces, and here each report
// goes where it is needed: the stamp cache that the freshness check reads
// (lib/auth), and the change hub that wakes the open event streams (lib/push).
//
//   database NOTIFY → ChangeListener → onChange → StampCache.invalidate, ChangeHub.changed
//                                    → onLive   → StampCache.goLive
//                                    → onDark   → StampCache.goDark
import "server-only";
import { ChangeListener, type ChangeListenerOptions } from "@/lib/db/change-listener";
import { getDb } from "@/lib/db/client";
import type { Database } from "@/lib/db/open";
import { type ChangeHub, changeHub } from "./change-hub";
import { databaseStamps, StampCache } from "./stamp-cache";

type Tuning = Omit<ChangeListenerOptions, "onLive" | "onDark">;

/**
 * A listener on `db` that keeps `cache` exact and wakes `hub`'s streams
 * (tests and benchmarks pass their own parts). The cache is invalidated
 * before the hub hears of a change, so a woken stream reads the new permission stamp.
 */
export function connectListener(
  db: Database,
  { cache, hub }: { cache: StampCache; hub?: ChangeHub },
  tuning: Tuning = {},
): ChangeListener {
  return new ChangeListener(db, {
    ...tuning,
    onLive: () => cache.goLive(),
    onDark: () => cache.goDark(),
    onChange: (userIds) => {
      if (userIds === null) cache.invalidateAll();
      else cache.invalidate(userIds);
      hub?.changed(userIds);
      tuning.onChange?.(userIds);
    },
  });
}

export type LiveInstance = { cache: StampCache; listener: ChangeListener };

// One cache and one LISTEN connection per process, shared by the proxy, the
// route bundles (which do not share module state, hence globalThis) and the
// event streams of /api/me/events.
const holder = globalThis as typeof globalThis & { __authzLive?: Promise<LiveInstance> };

async function startLiveInstance(): Promise<LiveInstance> {
  const db = await getDb();
  const cache = new StampCache(databaseStamps(db.prisma));
  const listener = connectListener(db, { cache, hub: changeHub() });
  await listener.started;
  return { cache, listener };
}

/** This instance's stamp cache and change listener, started on first use (never at import or build). */
export function liveInstance(): Promise<LiveInstance> {
  holder.__authzLive ??= startLiveInstance().catch((error: unknown) => {
    holder.__authzLive = undefined;
    throw error;
  });
  return holder.__authzLive;
}

/**
 * After a write through this instance: waits until the instance has heard of
 * it, so the writer's next request (and anyone's, here) already sees it.
 * Nothing to wait for when no cache is in use: every check reads the database.
 */
export async function settleChanges(): Promise<void> {
  const instance = await holder.__authzLive?.catch(() => null);
  await instance?.listener.sync();
}
