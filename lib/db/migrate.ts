// Applies Prisma-format migrations (prisma/migrations/<timestamp>_<name>/migration.sql)
// on PostgreSQL and PGlite alike. It keeps Prisma's `_prisma_migrations` table,
// checksum and advisory lock, so it stays interchangeable with
// `prisma migrate deploy`, which cannot run here (no native engine) and can
// never reach an in-process PGlite database.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlClient } from "./sql";

/** The lock id Prisma's migrate takes, so the two never run at once. */
const PRISMA_MIGRATE_LOCK_ID = 72707369;

type Migration = { name: string; sql: string; checksum: string };
type MigrateResult = { applied: string[]; alreadyApplied: string[] };

const MIGRATION_NAME = /^\d{14}_[a-z0-9_]+$/;

export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

export async function readMigrations(dir: string): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const bad = names.filter((n) => !MIGRATION_NAME.test(n));
  if (bad.length > 0) {
    throw new Error(`Migration folders must be named <YYYYMMDDHHMMSS>_<name>: ${bad.join(", ")}`);
  }
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    }),
  );
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

type AppliedRow = { migration_name: string; checksum: string };

/**
 * Applies every pending migration in name order, each in its own transaction
 * together with its `_prisma_migrations` row: a failing migration leaves
 * nothing behind. `sql` must be a single session (advisory locks and
 * transactions are per connection), never a pool.
 */
export async function applyMigrations(sql: SqlClient, migrations: Migration[]): Promise<MigrateResult> {
  await sql.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_ID]);
  try {
    await sql.exec(CREATE_TABLE);
    const rows = await sql.query<AppliedRow>(
      `SELECT migration_name, checksum FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const result: MigrateResult = { applied: [], alreadyApplied: [] };

    for (const migration of migrations) {
      const appliedChecksum = done.get(migration.name);
      if (appliedChecksum !== undefined) {
        if (appliedChecksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} was edited after it was applied (checksum differs). ` +
              "Add a new migration instead of changing an applied one.",
          );
        }
        result.alreadyApplied.push(migration.name);
        continue;
      }
      await applyOne(sql, migration);
      result.applied.push(migration.name);
    }
    return result;
  } finally {
    await sql.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_ID]);
  }
}

async function applyOne(sql: SqlClient, migration: Migration): Promise<void> {
  await sql.exec("BEGIN");
  try {
    await sql.exec(migration.sql);
    await sql.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await sql.exec("COMMIT");
  } catch (error) {
    await sql.exec("ROLLBACK");
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${reason}`, { cause: error });
  }
}
