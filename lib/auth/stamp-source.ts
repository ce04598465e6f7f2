// Server code without `import "server-only"`, which throws in the Pages Router
// route pages/api/me/events.ts that uses it; eslint.config.mjs keeps it out of
// client code.
import { getDb } from "@/lib/db/client";
import { ChangeListener } from "@/lib/db/change-listener";
import { changeHub } from "@/lib/push/change-hub";
import type { FreshnessMode, StampSource } from "./freshness";
import { StampCache } from "./stamp-cache";
import { databaseStamps } from "./stamps";

type CachedSource = { cache: StampCache; listener: ChangeListener };

// One cache and one LISTEN connection per process, shared by the proxy, the
// route bundles (which do not share module state, hence globalThis) and the
// event streams of /api/me/events.
const holder = globalThis as typeof globalThis & { __authzStampCache?: Promise<CachedSource> };

async function createCachedSource(): Promise<CachedSource> {
  const db = await getDb();
  const cache = new StampCache(databaseStamps(db.prisma));
  const hub = changeHub();
  const listener = new ChangeListener(db, cache, { onChange: (userIds) => hub.changed(userIds) });
  await listener.started;
  return { cache, listener };
}

export function getCachedSource(): Promise<CachedSource> {
  holder.__authzStampCache ??= createCachedSource().catch((error: unknown) => {
    holder.__authzStampCache = undefined;
    throw error;
  });
  return holder.__authzStampCache;
}

export async function getStampSource(mode: Exclude<FreshnessMode, "off">): Promise<StampSource> {
  if (mode === "strict") return databaseStamps((await getDb()).prisma);
  return (await getCachedSource()).cache;
}

/**
 * After a write through this instance: waits until the instance has heard of
 * it, so the writer's next request (and anyone's, here) already sees it.
 * Nothing to wait for when no cache is in use: every check reads the database.
 */
export async function settleChanges(): Promise<void> {
  const source = await holder.__authzStampCache?.catch(() => null);
  await source?.listener.sync();
}
