// Database commands: `tsx scripts/db.ts migrate | seed [--if-empty] [--users N] | prepare | reset [--yes] | restamp`
// (`--help` lists them).
// In production, the commands that write the demo accounts (seed, prepare, reset) also need --demo.
import "./load-env";
import { seedBulkUsers } from "@/lib/admin/bulk-users";
import { POSTGRES_CONFIRM_FLAG, resetDatabase } from "@/lib/db/reset";
import { restampAllUsers } from "@/lib/db/restamp";
import { demoSeedRefusal } from "@/lib/db/seed-policy";
import { targetFromEnv } from "@/lib/db/target";
import { migrate, seed, withEnvDatabase } from "@/lib/db/tasks";
import { env } from "@/lib/env";
import { readCommandLine, usageError } from "./support/command-line";

const USAGE = `Usage: npm run db:<command> [-- options]   (or: tsx scripts/db.ts <command> [options])
  migrate               apply prisma/migrations
  seed                  the demo roles, users and organizations (idempotent)
    --users <n>         also add n bulk users (user00001@bulk.example.com …)
    --if-empty          only into a database with no users
  prepare               migrate, then seed an empty database
  reset                 a fresh migrated, seeded database (PGlite: the old one is kept as a backup)
    --yes               on PostgreSQL: confirm dropping the schema public
  restamp               move every user's permission stamp
  --demo                in production: write the demo accounts anyway (seed, prepare, reset)
The embedded database has one owner: stop \`npm run dev\` first.`;

const { values, positionals } = readCommandLine(USAGE, {
  options: {
    users: { type: "string" },
    "if-empty": { type: "boolean" },
    yes: { type: "boolean" },
    demo: { type: "boolean" },
  },
  allowPositionals: true,
});

/** `--users 10000` or `--users=10000`: how many extra users to add; 0 when absent. */
function usersFlag(value: string | undefined): number {
  if (value === undefined) return 0;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) usageError(`--users needs a whole number, got "${value}"`);
  return count;
}

async function main([command, ...flags]: string[]): Promise<void> {
  const refusal = ["seed", "prepare", "reset"].includes(command ?? "")
    ? demoSeedRefusal(command!, env().nodeEnv, flags)
    : null;
  if (refusal) throw new Error(refusal);
  switch (command) {
    case "migrate":
      return withEnvDatabase(async (db) => void (await migrate(db)));
    case "seed": {
      const users = usersFlag(values.users);
      return withEnvDatabase(async (db) => {
        await seed(db, { ifEmpty: flags.includes("--if-empty") });
        if (users === 0) return;
        const started = Date.now();
        const added = await seedBulkUsers(db.sql, users);
        console.log(
          `Bulk users: ${added.users} created, ${added.grants} given a role, in ${Date.now() - started} ms.`,
        );
      });
    }
    case "prepare":
      return withEnvDatabase(async (db) => {
        await migrate(db);
        await seed(db, { ifEmpty: true });
      });
    case "reset":
      return resetDatabase(targetFromEnv(env()), { yes: flags.includes(POSTGRES_CONFIRM_FLAG) });
    case "restamp":
      return withEnvDatabase(async (db) => {
        const users = await db.withSession(restampAllUsers);
        console.log(`Restamp: ${users} users' permission stamps moved; every session rebuilds its claims.`);
      });
    default:
      usageError(`Unknown command "${command ?? ""}": migrate, seed, prepare, reset or restamp`);
  }
}

main([...positionals, ...process.argv.slice(2).filter((a) => a.startsWith("--"))]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
