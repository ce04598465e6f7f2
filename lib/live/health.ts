// What GET /api/health reports: liveness, database reachability and the
// change listener. Public, so it reveals nothing about users.
// No `import "server-only"`: lib/live's index is loaded by the Pages Router
// event stream route, where it throws (see ./instance.ts).
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { liveInstance } from "./instance";

const PROBE_TIMEOUT_MS = 2_000;

export type Health = {
  status: "ok" | "degraded";
  database: "up" | "down";
  /** "off" when no cache is in use (AUTH_FRESHNESS is not "cached"). */
  listener: "live" | "dark" | "off";
};

/**
 * Degraded while the database is unreachable (protected routes answer 503
 * then) or while the listener is dark (every check reads the database, and
 * open event streams hear of no change until it is back).
 */
export async function instanceHealth(): Promise<Health> {
  const [database, listener] = await Promise.all([databaseState(), listenerState()]);
  return { status: database === "up" && listener !== "dark" ? "ok" : "degraded", database, listener };
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

async function listenerState(): Promise<Health["listener"]> {
  if (env().freshness !== "cached") return "off";
  try {
    return (await liveInstance()).listener.isLive ? "live" : "dark";
  } catch {
    return "dark";
  }
}
