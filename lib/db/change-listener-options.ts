// What a change listener (./change-listener.ts) can be told, and the
// defaults it takes: kept apart so the listener's file holds its loop.
import { DEFAULT_MAX_STALENESS_MS } from "@/lib/auth/config";
import type { Backoff } from "./backoff";

export { DEFAULT_MAX_STALENESS_MS };

export type ChangeListenerOptions = {
  /** Delays between reconnection attempts: exponential with jitter, capped. */
  backoff?: Backoff;
  /** An attempt that has neither succeeded nor failed by then is aborted and counts as failed. */
  attemptTimeoutMs?: number;
  /**
   * How often to send an echo, and how long to wait for it before the connection counts as lost.
   * By default every maxStalenessMs / 2 (at most 10 s), so a listener that keeps up always has a
   * recent proof; null: no heartbeat, only sync() proves anything.
   */
  heartbeat?: Heartbeat | null;
  /** isCurrent() only while an echo sent at most this long ago (ms) is back. */
  maxStalenessMs?: number;
  /** The monotonic clock echoes and checks are timed on; tests pin it. */
  clock?: () => number;
  log?: (message: string) => void;
  /** The users each announcement names; null: anyone may have changed ("*", or a re-subscription). */
  onChange?: (userIds: string[] | null) => void;
  /** Subscribed: from now on every change is reported (called before the re-subscription's onChange(null)). */
  onLive?: () => void;
  /** Changes may be missed from now on (a lost connection, or stop()); called at the moment it is known. */
  onDark?: () => void;
  /** The jitter's source; tests pin it. */
  random?: () => number;
};

export type ChangeListenerStats = {
  /** Calls to db.listen since the start: one per connection attempt. */
  attempts: number;
  /** Connections that arrived after their attempt was abandoned, and were closed at once. */
  lateClosed: number;
  live: boolean;
};

export type Heartbeat = { everyMs: number; timeoutMs: number };

/**
 * The heartbeat asked for, or the default: an echo every maxStalenessMs / 2
 * (so one sent within the bound is normally back when a check asks), at least
 * every 10 s, each expected back within 3 s.
 */
export function heartbeatOf(options: ChangeListenerOptions): Heartbeat | null {
  if (options.heartbeat !== undefined) return options.heartbeat;
  const boundMs = options.maxStalenessMs ?? DEFAULT_MAX_STALENESS_MS;
  return { everyMs: Math.min(10_000, boundMs / 2), timeoutMs: 3_000 };
}
