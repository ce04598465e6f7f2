// The benchmark's own PostgreSQL database: uniquely named, migrated and seeded
// with the demo users, dropped on exit. Nothing depends on an earlier run, and
// parallel runs (or tests) on the same server do not see each other.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase } from "@/lib/db/open";
import { migrate, seed } from "@/lib/db/tasks";
import { onCleanup } from "../../scripts/support/cleanup";

async function admin(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Creates, migrates and seeds a fresh database; returns its URL. Dropped by the cleanup. */
export async function createBenchDatabase(adminUrl: string): Promise<string> {
  const name = `authz_bench_${process.pid}_${randomBytes(4).toString("hex")}`;
  // Registered first, so a Ctrl-C during CREATE still drops it. FORCE: a server
  // that did not stop in time must not keep the database alive.
  onCleanup(`drop database ${name}`, () => admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  await admin(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgres", url: url.toString() });
  try {
    // Progress goes to stderr: stdout carries only the table.
    const log = (message: string) => console.error(message);
    await migrate(db, log);
    await seed(db, { ifEmpty: false }, log);
  } finally {
    await db.close();
  }
  console.error(`Database: ${name}`);
  return url.toString();
}
