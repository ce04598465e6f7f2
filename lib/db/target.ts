import type { Env } from "@/lib/env";
import type { DbTarget } from "./open";

/** DATABASE_URL selects PostgreSQL; without it the app uses the embedded PGlite. */
export function targetFromEnv(env: Pick<Env, "databaseUrl" | "databaseListenUrl" | "pgliteDir">): DbTarget {
  return env.databaseUrl
    ? {
        kind: "postgres",
        url: env.databaseUrl,
        ...(env.databaseListenUrl ? { listenUrl: env.databaseListenUrl } : {}),
      }
    : { kind: "pglite", dir: env.pgliteDir };
}
