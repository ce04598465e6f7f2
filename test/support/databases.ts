// Fresh, migrated databases of either kind for integration tests.
import { migrate } from "@/lib/db/tasks";
import { type Database, openDatabase } from "@/lib/db/open";
import { createPostgresDatabase, postgresStatus } from "./postgres";

export type Backend = "pglite" | "postgres";

export type TestDatabase = Database & { dispose(): Promise<void> };

const quiet = () => {};

/** An empty database (no migrations applied). PGlite runs in memory. */
export async function createEmptyDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === "pglite") {
    const db = await openDatabase({ kind: "pglite", dir: null });
    return { ...db, dispose: () => db.close() };
  }
  const created = await createPostgresDatabase();
  const db = await openDatabase({ kind: "postgres", url: created.url });
  return {
    ...db,
    async dispose() {
      await db.close();
      await created.drop();
    },
  };
}

export async function createMigratedDatabase(backend: Backend): Promise<TestDatabase> {
  const db = await createEmptyDatabase(backend);
  await migrate(db, quiet);
  return db;
}

/**
 * Declares `body` once per backend. The PostgreSQL copy is reported as skipped
 * (with the reason printed) when no server is reachable and none is required.
 * TEST_BACKENDS=postgres (or pglite) declares one only: the mutation run uses it.
 */
export async function describeOnBackends(title: string, body: (backend: Backend) => void): Promise<void> {
  const { describe } = await import("vitest");
  const pg = await postgresStatus();
  const only = process.env.TEST_BACKENDS?.split(",");
  for (const backend of ["pglite", "postgres"] as const) {
    if (only && !only.includes(backend)) continue;
    describe.skipIf(backend === "postgres" && !pg.available)(`${title} [${backend}]`, () => body(backend));
  }
}

/**
 * Declares `body` for PostgreSQL only: for what PGlite cannot do at all (a
 * second session, a connection that can be killed). Reported as skipped, with
 * the reason printed, when no server is reachable and none is required.
 */
export async function describeOnPostgres(title: string, body: () => void): Promise<void> {
  const { describe } = await import("vitest");
  const pg = await postgresStatus();
  describe.skipIf(!pg.available)(`${title} [postgres]`, body);
}
