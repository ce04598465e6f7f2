// `npm test`: every part of the suite, then the time each part took. Parts
// in one stage run side by side (a 2-core machine is half idle running them
// one after another: linting, type checking and the unit tests are mostly one
// busy process each, the integration tests mostly wait on databases); a stage
// starts once the one before has passed. The integration and browser parts
// share one PostgreSQL: the configured one when it answers, else one embedded
// server started here for both (scripts/support/test-postgres.ts).
// `npm test -- --help` lists the parts; each also runs alone (README, docs/TESTING.md).
import { readCommandLine } from "./support/command-line";
import { exitCode, interruptedBy, runCommand } from "./support/run-command";
import { startTestPostgres, type TestPostgres } from "./support/test-postgres";

type Part = {
  name: string;
  command: string[];
  env?: Record<string, string>;
  needsPostgres?: boolean;
  /** Its output is printed when it ends, so that it does not interleave with the part shown live. */
  buffered?: boolean;
};

const TSX = "node_modules/.bin/tsx";

const STAGES: Part[][] = [
  [
    { name: "lint", command: ["npm run lint"], buffered: true },
    { name: "typecheck", command: ["npm run typecheck"], buffered: true },
    { name: "unit", command: ["npm run test:unit"] },
  ],
  [
    { name: "integration", command: ["npm run test:integration"], needsPostgres: true },
    // Types were checked above; the build need not check them again.
    { name: "build", command: ["npx next build"], env: { NEXT_BUILD_SKIP_TYPECHECK: "1" }, buffered: true },
  ],
  [
    {
      name: "e2e on PostgreSQL",
      command: [TSX, "scripts/e2e.ts"],
      env: { E2E_DATABASE: "postgres" },
      needsPostgres: true,
    },
  ],
  [{ name: "e2e on PGlite", command: [TSX, "scripts/e2e.ts"], env: { E2E_DATABASE: "pglite" } }],
];

const USAGE = `Usage: npm test

Runs, stage by stage: ${STAGES.map((stage) => stage.map((p) => p.name).join(" + ")).join(", then ")}.
Parts joined by "+" run side by side. Stops after the first stage that fails;
prints the time each part took.
One part alone: npm run lint | typecheck | test:unit | test:integration | test:e2e.`;

type Row = { name: string; seconds: number; result: string };

function table(rows: Row[], wallSeconds: number): string {
  const width = Math.max(...rows.map((r) => r.name.length), "total".length);
  const line = (name: string, seconds: number, result: string) =>
    `  ${name.padEnd(width)}  ${seconds.toFixed(0).padStart(5)} s  ${result}`;
  return [
    ...rows.map((r) => line(r.name, r.seconds, r.result)),
    line("total", wallSeconds, "(wall clock; parts of a stage overlap)"),
  ].join("\n");
}

async function runPart(part: Part, postgres: TestPostgres | undefined): Promise<Row & { code: number }> {
  const started = performance.now();
  const env = { ...part.env, ...(postgres ? { TEST_POSTGRES_URL: postgres.url } : {}) };
  const code = await runCommand(part.command, env, { buffered: part.buffered });
  const seconds = (performance.now() - started) / 1000;
  return { name: part.name, seconds, result: code ? "FAILED" : "ok", code };
}

async function main(): Promise<number> {
  readCommandLine(USAGE, { options: {} });
  const rows: Row[] = [];
  const started = performance.now();
  let postgres: TestPostgres | undefined;
  let code = 0;
  try {
    for (const [index, stage] of STAGES.entries()) {
      if (interruptedBy()) return 1;
      if (stage.some((part) => part.needsPostgres) && !postgres) postgres = await startTestPostgres();
      const results = await Promise.all(stage.map((part) => runPart(part, postgres)));
      rows.push(...results);
      code = results.find((r) => r.code !== 0)?.code ?? 0;
      if (code !== 0) break;
      // Stop the server once no later part needs it (the browser pass on PGlite runs without).
      if (!STAGES.slice(index + 1).some((later) => later.some((part) => part.needsPostgres))) {
        await postgres?.stop();
        postgres = undefined;
      }
    }
  } finally {
    await postgres?.stop();
    const wall = (performance.now() - started) / 1000;
    if (rows.length > 0) console.log(`\nnpm test, time per part:\n${table(rows, wall)}\n`);
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
