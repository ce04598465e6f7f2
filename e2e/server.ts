// The server the e2e suite runs against: a fresh database (PostgreSQL when
// E2E_DATABASE_URL is set, else PGlite in a fresh directory), migrated and
// seeded, then `next start` on the production build. On exit it stops Next
// and removes the database, so no run depends on an earlier one. A PGlite
// directory belongs to this process throughout and is handed to Next's.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { seedBulkUsers } from "@/lib/admin/bulk-users";
import { openDatabase } from "@/lib/db/open";
import { type Ownership, ownPgliteDirectory } from "@/lib/db/pglite-lock";
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

let owner: Ownership | undefined;

async function createDatabase(): Promise<void> {
  try {
    await adminQuery(`CREATE DATABASE "${dbName()}"`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Cannot create the e2e database on ${redacted(databaseUrl!)}: ${reason}
` +
        "`npm run test:e2e` starts an embedded PostgreSQL when none answers; or set TEST_POSTGRES_URL, " +
        "or E2E_DATABASE=pglite for the specs that run on PGlite.",
    );
  }
}

async function prepare(): Promise<void> {
  if (databaseUrl) await createDatabase();
  else {
    owner = ownPgliteDirectory(pgliteDir!);
    rmSync(pgliteDir!, { recursive: true, force: true });
  }
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
  // Never remove a directory another process owns (when ours was refused).
  else if (owner) rmSync(pgliteDir!, { recursive: true, force: true });
}

async function main(): Promise<void> {
  if (!databaseUrl && !pgliteDir) throw new Error("e2e/server.ts needs DATABASE_URL or PGLITE_DIR");
  await prepare();
  // Node runs Next directly (no npx in between), so the signal and the exit below are Next's own.
  const next = spawn(
    process.execPath,
    [path.resolve("node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1"],
    {
      stdio: "inherit",
      env: { ...process.env, ...owner?.childEnv },
    },
  );
  const exited = new Promise<void>((resolve) => next.on("exit", () => resolve()));
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    next.kill("SIGTERM");
    // Remove the database only once Next has let go of it (or has had 5 s to).
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
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
