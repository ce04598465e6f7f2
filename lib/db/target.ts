import type { Env } from "@/lib/env";
import type { DbTarget } from "./open";

type TargetEnv = Pick<
  Env,
  "databaseUrl" | "databaseListenUrl" | "pgliteDir" | "poolMax" | "connectTimeoutMs"
>;

/** DATABASE_URL selects PostgreSQL; without it the app uses the embedded PGlite. */
export function targetFromEnv(env: TargetEnv): DbTarget {
  return env.databaseUrl
    ? {
        kind: "postgres",
        url: env.databaseUrl,
        ...(env.databaseListenUrl ? { listenUrl: env.databaseListenUrl } : {}),
        pool: { max: env.poolMax, connectTimeoutMs: env.connectTimeoutMs },
      }
    : { kind: "pglite", dir: env.pgliteDir };
}
