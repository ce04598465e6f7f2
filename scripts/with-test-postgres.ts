// `tsx scripts/with-test-postgres.ts <command…>`: runs the command with
// TEST_POSTGRES_URL naming a PostgreSQL server that answers: the configured
// one (default: the local server), else an embedded one started for this run
// and stopped afterwards, also when the command fails or is interrupted.
// Nested runs reuse the server of the outer one (it answers), so `npm test`
// starts at most one for both the integration and the browser tests.
// One argument is a shell command line; several are a program and its arguments.
import { exitCode, interruptedBy, runCommand } from "./support/run-command";
import { startTestPostgres } from "./support/test-postgres";

async function main(command: string[]): Promise<number> {
  if (command.length === 0) throw new Error("usage: tsx scripts/with-test-postgres.ts <command…>");
  const postgres = await startTestPostgres();
  try {
    if (interruptedBy()) return 1;
    return await runCommand(command, { TEST_POSTGRES_URL: postgres.url });
  } finally {
    await postgres.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(exitCode(code)),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(exitCode(1));
  },
);
