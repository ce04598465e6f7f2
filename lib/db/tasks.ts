// Migrate and seed, shared by `npm run db:*`, `npm run dev` and the tests.
import { env } from "@/lib/env";
import { applyMigrations, readMigrations } from "./migrate";
import { MIGRATIONS_DIR } from "./migrations-dir";
import { type Database, describeTarget, openDatabase } from "./open";
import { isDatabaseEmpty, seedDemoData } from "./seed";
import { targetFromEnv } from "./target";

export async function migrate(db: Database, log = console.log): Promise<string[]> {
  const migrations = await readMigrations(MIGRATIONS_DIR);
  const result = await db.withSession((sql) => applyMigrations(sql, migrations));
  for (const name of result.applied) log(`  applied ${name}`);
  log(`Migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied.`);
  return result.applied;
}

export async function seed(
  db: Database,
  { ifEmpty }: { ifEmpty: boolean },
  log = console.log,
): Promise<void> {
  if (ifEmpty && !(await isDatabaseEmpty(db.prisma))) {
    log("Seed: the database has users already; left as it is.");
    return;
  }
  const s = await seedDemoData(db.prisma);
  log(
    `Seed: ${s.rolesCreated} roles and ${s.usersCreated} users created, ` +
      `${s.grantsAdded} grants added, ${s.permissionsChanged} role permissions changed.`,
  );
}

/** Opens the database the environment names, runs `work`, and always closes it. */
export async function withEnvDatabase(work: (db: Database) => Promise<void>): Promise<void> {
  const target = targetFromEnv(env());
  console.log(`Database: ${describeTarget(target)}`);
  const db = await openDatabase(target);
  try {
    await work(db);
  } finally {
    await db.close();
  }
}
