// `npm run db:reset`: the way out of a damaged or muddled database. On PGlite
// the old directory is kept (renamed to a timestamped sibling), never deleted;
// on PostgreSQL, where nothing can be kept aside cheaply, it drops the schema
// only when asked with --yes.
import { existsSync, renameSync } from "node:fs";
import path from "node:path";
import { type DbTarget, describeTarget, openDatabase } from "./open";
import { ownPgliteDirectory } from "./pglite-lock";
import { migrate, seed } from "./tasks";

type Log = (line: string) => void;

export const POSTGRES_CONFIRM_FLAG = "--yes";

function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, "")
    .replace(/[-:]/g, "")
    .replace("T", "-");
}

/** A sibling of `dir` that does not exist yet: pglite.backup-20261130-192501 (then -2, -3 …). */
function backupPathFor(dir: string, now = new Date()): string {
  const base = `${dir}.backup-${stamp(now)}`;
  let candidate = base;
  for (let n = 2; existsSync(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

async function migrateAndSeed(target: DbTarget, log: Log): Promise<void> {
  const db = await openDatabase(target);
  try {
    await migrate(db, log);
    await seed(db, { ifEmpty: false }, log);
  } finally {
    await db.close();
  }
}

async function resetPglite(dir: string, log: Log): Promise<void> {
  const resolved = path.resolve(dir);
  // Refuses while anyone else owns or has the directory open; keeps it ours until done.
  const owner = ownPgliteDirectory(resolved);
  try {
    if (existsSync(resolved)) {
      const backup = backupPathFor(resolved);
      renameSync(resolved, backup);
      log(`Moved the old data directory to ${path.relative(process.cwd(), backup) || backup}`);
      log("  (nothing was deleted: remove it yourself once you no longer need it)");
    }
    await migrateAndSeed({ kind: "pglite", dir: resolved }, log);
  } finally {
    owner.release();
  }
}

async function resetPostgres(target: Extract<DbTarget, { kind: "postgres" }>, log: Log): Promise<void> {
  const db = await openDatabase(target);
  try {
    // Everything the migrations make lives in "public": drop it whole, as `prisma migrate reset` does.
    await db.sql.exec(
      `DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; GRANT USAGE ON SCHEMA public TO PUBLIC;`,
    );
    log(`Dropped and recreated the schema "public".`);
  } finally {
    await db.close();
  }
  await migrateAndSeed(target, log);
}

/** Backs up (PGlite) or drops (PostgreSQL, with `yes`) the database, then migrates and seeds a fresh one. */
export async function resetDatabase(target: DbTarget, { yes }: { yes: boolean }, log: Log = console.log) {
  log(`Resetting: ${describeTarget(target)}`);
  if (target.kind === "pglite") {
    if (!target.dir) throw new Error("An in-memory database needs no reset.");
    return resetPglite(target.dir, log);
  }
  if (!yes)
    throw new Error(
      `db:reset would DROP every table and row in ${describeTarget(target)} (the schema "public"), ` +
        "then migrate and seed it afresh. There is no backup: take one first if you need the data " +
        "(pg_dump), and stop the app's instances.\n" +
        `To go ahead: npm run db:reset -- ${POSTGRES_CONFIRM_FLAG}`,
    );
  return resetPostgres(target, log);
}
