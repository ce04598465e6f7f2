// Database commands: `tsx scripts/db.ts migrate | seed [--if-empty] | prepare`.
import "./load-env";
import { migrate, seed, withEnvDatabase } from "@/lib/db/tasks";

async function main([command, ...flags]: string[]): Promise<void> {
  switch (command) {
    case "migrate":
      return withEnvDatabase(async (db) => void (await migrate(db)));
    case "seed":
      return withEnvDatabase((db) => seed(db, { ifEmpty: flags.includes("--if-empty") }));
    case "prepare":
      return withEnvDatabase(async (db) => {
        await migrate(db);
        await seed(db, { ifEmpty: true });
      });
    default:
      throw new Error(`Unknown command "${command ?? ""}". Use: migrate | seed [--if-empty] | prepare`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
