// The benchmark's own PostgreSQL database: uniquely named, migrated and seeded
// with the demo users, dropped on exit. Nothing depends on an earlier run, and
// parallel runs (or tests) on the same server do not see each other.
import { openDatabase } from "@/lib/db/open";
import { migrate, seed } from "@/lib/db/tasks";
import { onCleanup } from "../../scripts/support/cleanup";
import { scratchDatabase } from "../../scripts/support/scratch-database";

/** Creates, migrates and seeds a fresh database; returns its URL. Dropped by the cleanup. */
export async function createBenchDatabase(adminUrl: string): Promise<string> {
  const database = scratchDatabase(adminUrl, "authz_bench");
  onCleanup(`drop database ${database.name}`, database.drop); // before CREATE: a Ctrl-C during it still drops
  await database.create();
  const db = await openDatabase({ kind: "postgres", url: database.url });
  try {
    // Progress goes to stderr: stdout carries only the table.
    const log = (message: string) => console.error(message);
    await migrate(db, log);
    await seed(db, { ifEmpty: false }, log);
  } finally {
    await db.close();
  }
  console.error(`Database: ${database.name}`);
  return database.url;
}
