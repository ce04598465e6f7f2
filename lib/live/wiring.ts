// The one place that connects this instance's live parts: the change
// listener (lib/db) reports what the database announces, and here each report
// goes where it is needed: the stamp cache that the freshness check reads
// (lib/auth), and the change hub that wakes the open event streams (lib/push).
// ./instance.ts makes this instance's parts and connects them here.
//
//   database NOTIFY → ChangeListener → onChange → StampCache.invalidate, ChangeHub.changed
//                                    → onLive   → StampCache.goLive
//                                    → onDark   → StampCache.goDark
//   StampCache hit → ChangeListener.isCurrent() (has it heard everything older than its bound?)
import { ChangeListener, type ChangeListenerOptions } from "@/lib/db/change-listener";
import type { ListenSource } from "@/lib/db/listen-source";
import type { ChangeHub } from "./change-hub";
import type { StampCache } from "@/lib/auth/stamp-cache";

type Tuning = Omit<ChangeListenerOptions, "onLive" | "onDark">;

/**
 * A listener on `db` that keeps `cache` exact and wakes `hub`'s streams
 * (tests and benchmarks pass their own parts). The cache is invalidated
 * before the hub hears of a change, so a woken stream reads the new permission stamp.
 */
export function connectListener(
  db: ListenSource,
  { cache, hub }: { cache: StampCache; hub?: ChangeHub },
  tuning: Tuning = {},
): ChangeListener {
  const listener = new ChangeListener(db, {
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
  cache.requireProof(() => listener.isCurrent());
  return listener;
}
