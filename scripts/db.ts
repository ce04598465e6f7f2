// Database commands: `tsx scripts/db.ts migrate | seed [--if-empty] [--users N] | prepare | reset [--yes] | restamp`.
// In production, the commands that write the demo accounts (seed, prepare, reset) also need --demo.
import "./load-env";
import { seedBulkUsers } from "@/lib/admin/bulk-users";
import { POSTGRES_CONFIRM_FLAG, resetDatabase } from "@/lib/db/reset";
import { restampAllUsers } from "@/lib/db/restamp";
import { demoSeedRefusal } from "@/lib/db/seed-policy";
import { targetFromEnv } from "@/lib/db/target";
import { migrate, seed, withEnvDatabase } from "@/lib/db/tasks";
import { env } from "@/lib/env";

/** `--users 10000` or `--users=10000`: how many extra users to add; 0 when absent. */
function usersFlag(flags: string[]): number {
  const at = flags.findIndex((f) => f === "--users" || f.startsWith("--users="));
  if (at < 0) return 0;
  const value = flags[at]!.includes("=") ? flags[at]!.split("=")[1] : flags[at + 1];
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`--users needs a whole number, got "${value ?? ""}"`);
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
      const users = usersFlag(flags);
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
      throw new Error(
        `Unknown command "${command ?? ""}". Use: migrate | seed [--if-empty] [--users N] | prepare | reset [--yes] | restamp`,
      );
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
