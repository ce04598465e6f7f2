import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations, checksumOf, readMigrations } from "@/lib/db/migrate";
import { MIGRATIONS_DIR } from "@/lib/db/migrations-dir";
import { sqlFromPglite, type SqlClient } from "@/lib/db/sql";

let dir: string;
let pglite: PGlite;
let sql: SqlClient;

// One in-memory database for the file (starting PGlite takes about a second);
// each test gets an empty public schema and its own migrations folder.
beforeAll(async () => {
  pglite = await PGlite.create();
  sql = sqlFromPglite(pglite);
});

afterAll(() => pglite.close());

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "migrations-"));
  await sql.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
});

afterEach(() => rm(dir, { recursive: true, force: true }));

async function addMigration(name: string, body: string): Promise<void> {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, "migration.sql"), body);
}

async function tables(): Promise<string[]> {
  const rows = await sql.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((r) => r.table_name);
}

describe("migration applier", () => {
  it("uses Prisma's checksum: lowercase hex SHA-256 of migration.sql", () => {
    expect(checksumOf("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(checksumOf("SELECT 1;")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("applies migrations in name order and records them like prisma migrate deploy", async () => {
    await addMigration("20260102000000_second", 'ALTER TABLE "a" ADD COLUMN "b" int;');
    await addMigration("20260101000000_first", 'CREATE TABLE "a" ("id" int);');
    const migrations = await readMigrations(dir);
    expect(migrations.map((m) => m.name)).toEqual(["20260101000000_first", "20260102000000_second"]);

    const result = await applyMigrations(sql, migrations);
    expect(result).toEqual({
      applied: ["20260101000000_first", "20260102000000_second"],
      alreadyApplied: [],
    });

    const rows = await sql.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY started_at, migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(["20260101000000_first", "20260102000000_second"]);
    expect(rows[0]!.checksum).toBe(migrations[0]!.checksum);
    expect(rows.every((r) => r.finished_at instanceof Date && r.applied_steps_count === 1)).toBe(true);
  });

  it("is idempotent: a second run applies nothing", async () => {
    await addMigration("20260101000000_first", 'CREATE TABLE "a" ("id" int);');
    await applyMigrations(sql, await readMigrations(dir));
    const again = await applyMigrations(sql, await readMigrations(dir));
    expect(again).toEqual({ applied: [], alreadyApplied: ["20260101000000_first"] });
    const [count] = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM "_prisma_migrations"');
    expect(count!.n).toBe(1);
  });

  it("applies only what is new", async () => {
    await addMigration("20260101000000_first", 'CREATE TABLE "a" ("id" int);');
    await applyMigrations(sql, await readMigrations(dir));
    await addMigration("20260102000000_second", 'CREATE TABLE "b" ("id" int);');
    const result = await applyMigrations(sql, await readMigrations(dir));
    expect(result.applied).toEqual(["20260102000000_second"]);
    expect(await tables()).toEqual(["_prisma_migrations", "a", "b"]);
  });

  it("rolls a failing migration back whole and records nothing for it", async () => {
    await addMigration("20260101000000_first", 'CREATE TABLE "a" ("id" int);');
    await addMigration(
      "20260102000000_broken",
      'CREATE TABLE "half" ("id" int);\nSELECT * FROM "no_such_table";',
    );
    await expect(applyMigrations(sql, await readMigrations(dir))).rejects.toThrow(
      /20260102000000_broken failed and was rolled back: .*no_such_table/,
    );
    expect(await tables()).toEqual(["_prisma_migrations", "a"]);
    const rows = await sql.query<{ migration_name: string }>(
      'SELECT migration_name FROM "_prisma_migrations"',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(["20260101000000_first"]);
    // The lock was released: a fixed migration can be applied by the next run.
    await writeFile(
      path.join(dir, "20260102000000_broken", "migration.sql"),
      'CREATE TABLE "half" ("id" int);',
    );
    expect((await applyMigrations(sql, await readMigrations(dir))).applied).toEqual([
      "20260102000000_broken",
    ]);
  });

  it("refuses to run when an applied migration was edited", async () => {
    await addMigration("20260101000000_first", 'CREATE TABLE "a" ("id" int);');
    await applyMigrations(sql, await readMigrations(dir));
    await writeFile(
      path.join(dir, "20260101000000_first", "migration.sql"),
      'CREATE TABLE "a" ("id" bigint);',
    );
    await expect(applyMigrations(sql, await readMigrations(dir))).rejects.toThrow(
      /was edited after it was applied/,
    );
  });

  it("rejects folders that are not named <timestamp>_<name>", async () => {
    await addMigration("first", "SELECT 1;");
    await expect(readMigrations(dir)).rejects.toThrow(/<YYYYMMDDHHMMSS>_<name>: first/);
  });

  it("ships migrations that all follow the format", async () => {
    const shipped = await readMigrations(MIGRATIONS_DIR);
    expect(shipped.length).toBeGreaterThan(0);
  });
});
