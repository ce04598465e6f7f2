// `npm run dev`: applies pending migrations, seeds demo data into an empty
// database, then starts `next dev`. On the embedded database this runner owns
// the data directory for its whole life (a second `npm run dev`, or a
// `db:migrate` meanwhile, refuses at once) and hands it to the Next server it
// starts, which opens it on the first request: one process at a time.
import "./load-env";
import { spawn } from "node:child_process";
import path from "node:path";
import { ownPgliteDirectory } from "@/lib/db/pglite-lock";
import { targetFromEnv } from "@/lib/db/target";
import { migrate, seed, withEnvDatabase } from "@/lib/db/tasks";
import { env } from "@/lib/env";
import { readCommandLine } from "./support/command-line";

// The options of `next dev` this runner passes on; anything else is refused before any work.
readCommandLine(
  `Usage: npm run dev [-- options]
  Applies pending migrations, seeds an empty database, then starts \`next dev\`.
  -p, --port <n>        port (default: PORT, else 3000)
  -H, --hostname <h>    hostname to listen on
  --turbopack | --webpack   the bundler (Next's default: Turbopack)
  --experimental-https  serve https with a self-signed certificate
Stop it before \`npm run db:seed\` or \`db:reset\` on the embedded database (one owner at a time).`,
  {
    options: {
      port: { type: "string", short: "p" },
      hostname: { type: "string", short: "H" },
      turbopack: { type: "boolean" },
      webpack: { type: "boolean" },
      "experimental-https": { type: "boolean" },
    },
  },
);

const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");

async function main(): Promise<void> {
  const target = targetFromEnv(env());
  const owner = target.kind === "pglite" && target.dir ? ownPgliteDirectory(target.dir) : undefined;
  await withEnvDatabase(async (db) => {
    await migrate(db);
    await seed(db, { ifEmpty: true });
  });
  const next = spawn(process.execPath, [NEXT_BIN, "dev", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, ...owner?.childEnv },
  });
  // Ctrl-C reaches Next too; either way, this runner ends (and lets go of the directory) after Next has.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => next.kill(signal));
  next.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
