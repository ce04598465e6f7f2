// What GET /api/health reports: liveness, database reachability and the
// change listener. Public, so it reveals nothing about users.
// No `import "server-only"`: lib/live's index is loaded by the Pages Router
// event stream route, where it throws (see ./instance.ts).
import { getDb } from "@/lib/db/client";
import { env, type FreshnessMode, freshnessPromise, usesStampCache } from "@/lib/env";
import { liveInstance } from "./instance";

const PROBE_TIMEOUT_MS = 2_000;

export type Health = {
  status: "ok" | "degraded";
  database: "up" | "down";
  /** "off" when no cache is in use (AUTH_FRESHNESS is neither "cached" nor "reauth"). */
  listener: "live" | "dark" | "off";
  /**
   * How far behind the listener may be: ms since the newest echo it heard
   * back was sent (null unless live). Past maxStalenessMs, checks read the
   * database until it catches up; that costs time, not correctness, so the
   * status stays "ok".
   */
  listenerLagMs: number | null;
  /** The staleness bound (AUTH_MAX_STALENESS_MS); null when no cache is in use. */
  maxStalenessMs: number | null;
  /** AUTH_FRESHNESS, its interval (lazy and short; else null), and when a change reaches a signed-in user. */
  freshness: { mode: FreshnessMode; seconds: number | null; promise: string };
};

/**
 * Degraded while the database is unreachable (protected routes answer 503
 * then) or while the listener is dark (every check reads the database, and
 * open event streams hear of no change until it is back).
 */
export async function instanceHealth(): Promise<Health> {
  const [database, { listener, listenerLagMs, maxStalenessMs }] = await Promise.all([
    databaseState(),
    listenerState(),
  ]);
  const status = database === "up" && listener !== "dark" ? "ok" : "degraded";
  const { freshness: mode, freshnessSeconds } = env();
  const freshness = {
    mode,
    seconds: mode === "lazy" || mode === "short" ? freshnessSeconds : null,
    promise: freshnessPromise(mode, freshnessSeconds),
  };
  return { status, database, listener, listenerLagMs, maxStalenessMs, freshness };
}

async function databaseState(): Promise<"up" | "down"> {
  let timer: NodeJS.Timeout | undefined;
  // The pool fails fast on a refused connection; a silent one is cut short here.
  const timeout = new Promise<"down">(
    (resolve) => (timer = setTimeout(() => resolve("down"), PROBE_TIMEOUT_MS)),
  );
  const probe = getDb()
    .then((db) => db.sql.query("SELECT 1"))
    .then(
      () => "up" as const,
      () => "down" as const,
    );
  const state = await Promise.race([probe, timeout]);
  clearTimeout(timer);
  return state;
}

type ListenerState = Pick<Health, "listener" | "listenerLagMs" | "maxStalenessMs">;

async function listenerState(): Promise<ListenerState> {
  // Only these modes read the stamp cache; the others never start the listener for requests.
  if (!usesStampCache(env().freshness)) return { listener: "off", listenerLagMs: null, maxStalenessMs: null };
  const maxStalenessMs = env().maxStalenessMs;
  try {
    const { listener } = await liveInstance();
    const lag = listener.lagMs();
    const listenerLagMs = lag === null ? null : Math.round(lag);
    return { listener: listener.isLive ? "live" : "dark", listenerLagMs, maxStalenessMs };
  } catch {
    return { listener: "dark", listenerLagMs: null, maxStalenessMs };
  }
}
