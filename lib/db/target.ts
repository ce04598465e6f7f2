import type { Env } from "@/lib/env";
import type { DbTarget } from "./open";

/** DATABASE_URL selects PostgreSQL; without it the app uses the embedded PGlite. */
export function targetFromEnv(env: Pick<Env, "databaseUrl" | "pgliteDir">): DbTarget {
  return env.databaseUrl
    ? { kind: "postgres", url: env.databaseUrl }
    : { kind: "pglite", dir: env.pgliteDir };
}
