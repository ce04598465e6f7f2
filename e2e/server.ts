// The server the e2e suite runs against: a fresh database (PostgreSQL when
// E2E_DATABASE_URL is set, else PGlite in a fresh directory), migrated and
// seeded, then `next start` on the production build. On exit it stops Next
// and removes the database, so no run depends on an earlier one.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import pg from "pg";
import { seedBulkUsers } from "@/lib/admin/bulk-users";
import { openDatabase } from "@/lib/db/open";
import { migrate, seed } from "@/lib/db/tasks";
import { redacted } from "../scripts/support/test-postgres";

const databaseUrl = process.env.DATABASE_URL;
const pgliteDir = process.env.PGLITE_DIR;
/** Extra users, so the admin pages are exercised at the size they must handle. */
const bulkUsers = Number(process.env.E2E_BULK_USERS ?? 0);

async function adminQuery(text: string): Promise<void> {
  const url = new URL(databaseUrl!);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const dbName = () => new URL(databaseUrl!).pathname.slice(1);

async function createDatabase(): Promise<void> {
  try {
    await adminQuery(`CREATE DATABASE "${dbName()}"`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Cannot create the e2e database on ${redacted(databaseUrl!)}: ${reason}\n` +
        "`npm run test:e2e` starts an embedded PostgreSQL when none answers; or set TEST_POSTGRES_URL, " +
        "or E2E_DATABASE=pglite for the specs that run on PGlite.",
    );
  }
}

async function prepare(): Promise<void> {
  if (databaseUrl) await createDatabase();
  else rmSync(pgliteDir!, { recursive: true, force: true });
  const db = await openDatabase(
    databaseUrl ? { kind: "postgres", url: databaseUrl } : { kind: "pglite", dir: pgliteDir! },
  );
  try {
    await migrate(db);
    await seed(db, { ifEmpty: false });
    if (bulkUsers > 0) console.log(`Bulk users: ${(await seedBulkUsers(db.sql, bulkUsers)).users} created.`);
  } finally {
    await db.close();
  }
}

async function cleanUp(): Promise<void> {
  if (databaseUrl) await adminQuery(`DROP DATABASE IF EXISTS "${dbName()}" WITH (FORCE)`).catch(() => {});
  else rmSync(pgliteDir!, { recursive: true, force: true });
}

async function main(): Promise<void> {
  if (!databaseUrl && !pgliteDir) throw new Error("e2e/server.ts needs DATABASE_URL or PGLITE_DIR");
  await prepare();
  const next = spawn("npx", ["--no-install", "next", "start", "-H", "127.0.0.1"], { stdio: "inherit" });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    next.kill("SIGTERM");
    await cleanUp();
    process.exit(code);
  };
  next.on("exit", (code) => void stop(code ?? 0));
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop(0));
}

main().catch(async (error: unknown) => {
  console.error(error);
  await cleanUp();
  process.exit(1);
});
