import { NextResponse } from "next/server";
import { getCachedSource } from "@/lib/auth/stamp-source";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

const PROBE_TIMEOUT_MS = 2_000;

/**
 * Liveness, database reachability and the change listener; public, reveals
 * nothing about users. 503 ("degraded") while the database is unreachable
 * (protected routes answer 503 then) or while the listener is dark (every
 * check reads the database, and open event streams hear of no change until
 * it is back). `listener` is "off" when no cache is in use (AUTH_FRESHNESS).
 */
export async function GET() {
  const [database, listener] = await Promise.all([databaseState(), listenerState()]);
  const ok = database === "up" && listener !== "dark";
  return NextResponse.json(
    { status: ok ? "ok" : "degraded", database, listener },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
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

async function listenerState(): Promise<"live" | "dark" | "off"> {
  if (env().freshness !== "cached") return "off";
  try {
    return (await getCachedSource()).listener.isLive ? "live" : "dark";
  } catch {
    return "dark";
  }
}
