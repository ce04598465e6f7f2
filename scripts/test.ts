// `npm test`: every part of the suite in order, stopping at the first that
// fails, then the time each part took. The integration and browser parts share
// one PostgreSQL: the configured one when it answers, else one embedded
// server started here for both (scripts/support/test-postgres.ts).
// `npm test -- --help` lists the parts; each also runs alone (README, docs/TESTING.md).
import { readCommandLine } from "./support/command-line";
import { exitCode, interruptedBy, runCommand } from "./support/run-command";
import { startTestPostgres, type TestPostgres } from "./support/test-postgres";

type Part = { name: string; command: string[]; env?: Record<string, string>; needsPostgres?: boolean };

const TSX = "node_modules/.bin/tsx";

const PARTS: Part[] = [
  { name: "lint", command: ["npm run lint"] },
  { name: "typecheck", command: ["npm run typecheck"] },
  { name: "unit", command: ["npm run test:unit"] },
  { name: "integration", command: ["npm run test:integration"], needsPostgres: true },
  // Types were checked above; the build need not check them again.
  { name: "build", command: ["npx next build"], env: { NEXT_BUILD_SKIP_TYPECHECK: "1" } },
  {
    name: "e2e on PostgreSQL",
    command: [TSX, "scripts/e2e.ts"],
    env: { E2E_DATABASE: "postgres" },
    needsPostgres: true,
  },
  { name: "e2e on PGlite", command: [TSX, "scripts/e2e.ts"], env: { E2E_DATABASE: "pglite" } },
];

const USAGE = `Usage: npm test

Runs, in order: ${PARTS.map((p) => p.name).join(", ")}.
Stops at the first part that fails; prints the time each part took.
One part alone: npm run lint | typecheck | test:unit | test:integration | test:e2e.`;

function table(rows: { name: string; seconds: number; result: string }[]): string {
  const width = Math.max(...rows.map((r) => r.name.length), "total".length);
  const total = rows.reduce((sum, r) => sum + r.seconds, 0);
  const line = (name: string, seconds: number, result: string) =>
    `  ${name.padEnd(width)}  ${seconds.toFixed(0).padStart(5)} s  ${result}`;
  return [...rows.map((r) => line(r.name, r.seconds, r.result)), line("total", total, "")].join("\n");
}

async function main(): Promise<number> {
  readCommandLine(USAGE, { options: {} });
  const rows: { name: string; seconds: number; result: string }[] = [];
  let postgres: TestPostgres | undefined;
  let code = 0;
  try {
    for (const part of PARTS) {
      if (interruptedBy()) return 1;
      if (part.needsPostgres && !postgres) postgres = await startTestPostgres();
      const started = performance.now();
      const env = { ...part.env, ...(postgres ? { TEST_POSTGRES_URL: postgres.url } : {}) };
      code = await runCommand(part.command, env);
      rows.push({
        name: part.name,
        seconds: (performance.now() - started) / 1000,
        result: code ? "FAILED" : "ok",
      });
      if (code !== 0) break;
      // The browser pass on PGlite needs no server: stop an embedded one before it.
      if (part.name === "e2e on PostgreSQL") {
        await postgres?.stop();
        postgres = undefined;
      }
    }
  } finally {
    await postgres?.stop();
    if (rows.length > 0) console.log(`\nnpm test, time per part:\n${table(rows)}\n`);
  }
  return code;
}

main().then(
  (code) => process.exit(exitCode(code)),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(exitCode(1));
  },
);
