// `npm run dev`: applies pending migrations, seeds demo data into an empty
// database, then starts `next dev`. The database is closed before Next starts:
// PGlite's data directory must be owned by one process at a time.
import "./load-env";
import { spawn } from "node:child_process";
import { migrate, seed, withEnvDatabase } from "@/lib/db/tasks";

async function main(): Promise<void> {
  await withEnvDatabase(async (db) => {
    await migrate(db);
    await seed(db, { ifEmpty: true });
  });
  const next = spawn("npx", ["--no-install", "next", "dev", ...process.argv.slice(2)], { stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => next.kill(signal));
  next.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
