// `npm test`: every part of the suite, then the time each part took. A part
// starts as soon as the parts it needs have passed, so parts run side by side
// (a 2-core machine is half idle running them one after another). The first
// failure ends the run. The integration and browser parts share one PostgreSQL: the configured
// one when it answers, else one embedded server started here for all of them
// (scripts/support/test-postgres.ts), stopped once no part left needs it.
// `npm test -- --help` lists the parts; each also runs alone (README, docs/TESTING.md).
import { readCommandLine } from "./support/command-line";
import { exitCode, interruptedBy, runCommand, stopRunning } from "./support/run-command";
import { startTestPostgres, type TestPostgres } from "./support/test-postgres";

type Part = {
  name: string;
  command: string[];
  env?: Record<string, string>;
  /** The parts that must have passed before this one starts. */
  after?: string[];
  needsPostgres?: boolean;
  /** Its output is printed when it ends (short parts); the others print each line as it comes, labelled. */
  buffered?: boolean;
};

const TSX = "node_modules/.bin/tsx";

// What runs side by side was measured on two cores: the checks and the unit
// tests (each mostly one busy process); then the integration tests (mostly
// waiting on databases) beside the build; then each browser pass alone. The
// browser pass keeps both cores busy by itself, and Chromium raises its own
// priority: any part beside it crawls (a PGlite that starts in 3 s took over
// a minute), so nothing runs beside it.
const CHECKS = ["lint", "typecheck", "unit"];
const PARTS: Part[] = [
  { name: "lint", command: ["npm run lint"], buffered: true },
  { name: "typecheck", command: ["npm run typecheck"], buffered: true },
  { name: "unit", command: ["npm run test:unit"] },
  { name: "integration", command: ["npm run test:integration"], after: CHECKS, needsPostgres: true },
  // Types are checked by the typecheck part; the build need not check them again.
  {
    name: "build",
    command: ["npx next build"],
    env: { NEXT_BUILD_SKIP_TYPECHECK: "1" },
    after: CHECKS,
    buffered: true,
  },
  {
    name: "e2e on PostgreSQL",
    command: [TSX, "scripts/e2e.ts"],
    env: { E2E_DATABASE: "postgres" },
    after: ["integration", "build"],
    needsPostgres: true,
  },
  {
    name: "e2e on PGlite",
    command: [TSX, "scripts/e2e.ts"],
    env: { E2E_DATABASE: "pglite" },
    after: ["e2e on PostgreSQL"],
  },
];

const USAGE = `Usage: npm test

Runs every part of the suite; a part starts once the parts it needs have passed:
${PARTS.map((p) => `  ${p.name}${p.after ? ` (after ${p.after.join(", ")})` : ""}`).join("\n")}
Parts that are ready run side by side. The first failure stops the run; the
time each part took is printed at the end.
One part alone: npm run lint | typecheck | test:unit | test:integration | test:e2e.`;

type Row = { name: string; seconds: number; result: string };

function table(rows: Row[], wallSeconds: number): string {
  const width = Math.max(...rows.map((r) => r.name.length), "total".length);
  const line = (name: string, seconds: number, result: string) =>
    `  ${name.padEnd(width)}  ${seconds.toFixed(0).padStart(5)} s  ${result}`;
  return [
    ...rows.map((r) => line(r.name, r.seconds, r.result)),
    line("total", wallSeconds, "(wall clock; parts overlap)"),
  ].join("\n");
}

async function main(): Promise<number> {
  readCommandLine(USAGE, { options: {} });
  const started = performance.now();
  const finished = new Map<string, Row & { code: number }>();
  const running = new Map<string, Promise<void>>();
  let postgres: Promise<TestPostgres> | undefined;
  let failed: number | undefined;

  const isReady = (part: Part) =>
    !finished.has(part.name) &&
    !running.has(part.name) &&
    (part.after ?? []).every((name) => finished.get(name)?.code === 0);

  const run = async (part: Part) => {
    const partStarted = performance.now();
    let code: number;
    try {
      const server = part.needsPostgres ? await (postgres ??= startTestPostgres()) : undefined;
      const env = { ...part.env, ...(server ? { TEST_POSTGRES_URL: server.url } : {}) };
      const label = part.buffered ? undefined : part.name;
      code =
        failed === undefined ? await runCommand(part.command, env, { buffered: part.buffered, label }) : 1;
    } catch (error) {
      console.error(`${part.name}: ${error instanceof Error ? error.message : error}`);
      code = 1;
    }
    const seconds = (performance.now() - partStarted) / 1000;
    const result = code === 0 ? "ok" : failed === undefined ? "FAILED" : "stopped (another part failed)";
    finished.set(part.name, { name: part.name, seconds, result, code });
    if (code !== 0 && failed === undefined) {
      failed = code;
      stopRunning();
    }
  };

  try {
    for (;;) {
      if (failed === undefined && !interruptedBy())
        for (const part of PARTS.filter(isReady))
          running.set(
            part.name,
            run(part).finally(() => running.delete(part.name)),
          );
      if (running.size === 0) break;
      await Promise.race(running.values());
      // Stop the server once no part left needs it (the browser pass on PGlite runs without).
      if (postgres && !PARTS.some((p) => p.needsPostgres && !finished.has(p.name))) {
        await (await postgres).stop();
        postgres = undefined;
      }
    }
  } finally {
    if (postgres) await (await postgres.catch(() => undefined))?.stop();
    const wall = (performance.now() - started) / 1000;
    const rows = PARTS.flatMap((p) => finished.get(p.name) ?? []);
    if (rows.length > 0) console.log(`\nnpm test, time per part:\n${table(rows, wall)}\n`);
  }
  const unfinished = PARTS.filter((p) => !finished.has(p.name));
  if (failed === undefined && unfinished.length > 0) return 1; // interrupted before they started
  return failed ?? 0;
}

main().then(
  (code) => process.exit(exitCode(code)),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(exitCode(1));
  },
);
