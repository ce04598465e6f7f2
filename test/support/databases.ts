// Fresh, migrated databases of either kind for integration tests.
import { readFileSync } from "node:fs";
import { migrate } from "@/lib/db/tasks";
import { type Database, openDatabase } from "@/lib/db/open";
import { createPostgresDatabase, requirePostgres } from "./postgres";

export type Backend = "pglite" | "postgres";

export type TestDatabase = Database & { dispose(): Promise<void> };

const quiet = () => {};

/** A PGlite database in memory: empty, or started from `image` (a dumped data directory). */
async function openMemoryPglite(image?: Blob): Promise<TestDatabase> {
  const db = await openDatabase({ kind: "pglite", dir: null, image });
  return { ...db, dispose: () => db.close() };
}

/** An empty database (no migrations applied). PGlite runs in memory. */
export async function createEmptyDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === "pglite") return openMemoryPglite();
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

/** The migrated PGlite image of this run (test/support/pglite-image.ts); none outside the integration project. */
async function pgliteImage(): Promise<Blob | undefined> {
  const { inject } = await import("vitest");
  const file = inject("pgliteImage");
  return file ? new Blob([readFileSync(file)]) : undefined;
}

export async function createMigratedDatabase(backend: Backend): Promise<TestDatabase> {
  const db =
    backend === "pglite" ? await openMemoryPglite(await pgliteImage()) : await createEmptyDatabase(backend);
  // From the image this applies nothing when the image is current: it only proves that it is.
  await migrate(db, quiet);
  return db;
}

/**
 * Declares `body` once per backend. PostgreSQL is always there: a test run
 * without a reachable server gets an embedded one (scripts/with-test-postgres.ts),
 * and a run that has none fails here, saying so, instead of skipping.
 * TEST_BACKENDS=postgres (or pglite) declares one only: the mutation run uses it.
 */
export async function describeOnBackends(title: string, body: (backend: Backend) => void): Promise<void> {
  const { describe } = await import("vitest");
  const only = process.env.TEST_BACKENDS?.split(",");
  if (!only || only.includes("postgres")) await requirePostgres();
  for (const backend of ["pglite", "postgres"] as const) {
    if (only && !only.includes(backend)) continue;
    describe(`${title} [${backend}]`, () => body(backend));
  }
}

/**
 * Declares `body` for PostgreSQL only: for what PGlite cannot do at all (a
 * second session, a connection that can be killed).
 */
export async function describeOnPostgres(title: string, body: () => void): Promise<void> {
  const { describe } = await import("vitest");
  await requirePostgres();
  describe(`${title} [postgres]`, body);
}
