// This instance's live parts, made once per process on first use (never at
// import time or during `next build`): the stamp cache, and the change
// listener that keeps it exact and wakes the change hub (./wiring.ts).
//
// Server code without `import "server-only"`, which throws in the Pages Router
// route pages/api/me/events.ts that uses it; the import rules
// (eslint.layers.mjs) keep it out of client code instead.
import { getDb } from "@/lib/db/client";
import type { ChangeListener } from "@/lib/db/change-listener";
import { env } from "@/lib/env";
import { changeHub } from "./change-hub";
import { databaseStamps, StampCache } from "@/lib/auth/stamp-cache";
import { connectListener } from "./wiring";
import { onePerProcessRetried, processSlot } from "@/lib/process-state";

export type LiveInstance = { cache: StampCache; listener: ChangeListener };

// One cache and one LISTEN connection per process, shared by the proxy, the
// route bundles (lib/process-state.ts) and the event streams of /api/me/events.
export const liveSlot = processSlot<Promise<LiveInstance>>("live");

async function startLiveInstance(): Promise<LiveInstance> {
  const db = await getDb();
  const cache = new StampCache(databaseStamps(db.prisma));
  // Memory answers only while the listener proves it is within the bound (docs/SCALING.md, "Staleness").
  const listener = connectListener(db, { cache, hub: changeHub() }, { maxStalenessMs: env().maxStalenessMs });
  await listener.started;
  return { cache, listener };
}

/** This instance's stamp cache and change listener, started on first use. */
export function liveInstance(): Promise<LiveInstance> {
  return onePerProcessRetried(liveSlot, startLiveInstance);
}

/**
 * After a write through this instance: waits until the instance has heard of
 * it, so the writer's next request (and anyone's, here) already sees it.
 * Nothing to wait for when no cache is in use: every check reads the database.
 */
export async function settleChanges(): Promise<void> {
  const instance = await liveSlot.get()?.catch(() => null);
  await instance?.listener.sync();
}
