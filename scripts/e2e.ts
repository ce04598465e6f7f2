// `npm run test:e2e` (after `next build`): the browser suite in two passes.
// 1. On PostgreSQL, where every spec runs, including those that change data
//    in SQL and run a second instance. The server is the configured one when
//    it answers, else an embedded one (scripts/support/test-postgres.ts).
// 2. On PGlite, the app's default database: the specs marked "on PGlite too"
//    (sign-in, the headline demo, admin writes, the event stream).
// In each pass specs run in parallel workers, then the few marked "serial"
// alone (playwright.config.ts). E2E_DATABASE=postgres or pglite runs that pass
// only. Extra arguments go to `playwright test` in each pass
// (`npm run test:e2e -- e2e/sign-in.spec.ts`).
import path from "node:path";
import { exitCode, interruptedBy, runCommand } from "./support/run-command";
import { startTestPostgres, type TestPostgres } from "./support/test-postgres";

const PLAYWRIGHT = [process.execPath, path.resolve("node_modules/@playwright/test/cli.js"), "test"];
const DATABASES = ["postgres", "pglite"] as const;

async function onPostgres(args: string[]): Promise<number> {
  const postgres: TestPostgres = await startTestPostgres();
  try {
    if (interruptedBy()) return 1;
    console.log("\ne2e on PostgreSQL\n");
    return await runCommand([...PLAYWRIGHT, ...args], {
      E2E_DATABASE: "postgres",
      TEST_POSTGRES_URL: postgres.url,
    });
  } finally {
    await postgres.stop(); // before the PGlite pass: it needs no server
  }
}

async function main(args: string[]): Promise<number> {
  const only = process.env.E2E_DATABASE;
  if (only && !DATABASES.some((d) => d === only))
    throw new Error(`E2E_DATABASE must be one of ${DATABASES.join(", ")}, got "${only}"`);
  if (only !== "pglite") {
    const code = await onPostgres(args);
    if (code !== 0 || only === "postgres") return code;
  }
  if (interruptedBy()) return 1;
  console.log("\ne2e on PGlite\n");
  // A spec named on the command line may be one that the PGlite pass leaves out.
  const extra = only ? [] : ["--pass-with-no-tests"];
  return runCommand([...PLAYWRIGHT, ...extra, ...args], { E2E_DATABASE: "pglite" });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(exitCode(code)),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(exitCode(1));
  },
);
