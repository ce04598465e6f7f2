// `npm run bench:sign-in`: the latency of a signed-in route while clients
// guess passwords. Scenarios: nobody guessing; 40 guessers on one account from
// one address (the attack the limits stop early); 40 guessers sending a new
// account and a new X-Forwarded-For address with every guess (the server
// trusts one proxy hop), so that no limit applies and every guess is hashed;
// and, for comparison, 40 clients fetching a CSRF token in a loop: what any
// flood of that size costs, with no password involved.
// With --before <dir>, the same scenarios run first against another checkout
// (its own node_modules and .next build), e.g. the version before the limits.
// Progress goes to stderr, the table alone to stdout.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { assertNotStopping, cleanUpOnSignals, runCleanup } from "../../scripts/support/cleanup";
import { readCommandLine, usageError } from "../../scripts/support/command-line";
import { assertBuildExists, buildApp, startServer } from "../../scripts/support/next-server";
import { createBenchDatabase } from "./database";
import { fetchUntil, type Guess, type GuessTally, guessUntil, probeUntil } from "./guessers";
import { type LatencySummary, summarize } from "./latency";
import { formatMicros, markdownTable } from "./report";
import { BENCH_USER, signIn } from "./session";

const ROUTE = "/api/me/permissions";

type Scenario = { name: string; guessers: number; pick?: (n: number) => Guess; fetch?: string };

const scenarios = (guessers: number): Scenario[] => [
  { name: "nobody guessing", guessers: 0 },
  { name: `${guessers} clients fetching /api/auth/csrf (no password)`, guessers, fetch: "/api/auth/csrf" },
  {
    name: `${guessers} guessers, one account, one address`,
    guessers,
    pick: () => ({ email: "viewer@example.com" }),
  },
  {
    name: `${guessers} guessers, a new account and address each guess`,
    guessers,
    // Addresses are only header text (shared address space, never contacted).
    pick: (n) => ({
      email: `guess-${n}@bench.example.test`,
      forwardedFor: `100.64.${(n >> 8) & 255}.${n & 255}`,
    }),
  },
];

type Row = { app: string; scenario: string; latency: LatencySummary; tally: GuessTally; seconds: number };

const USAGE = `Usage: npm run bench:sign-in -- [options]
  --no-build          reuse the existing .next build
  --before <dir>      also measure the checkout in <dir> (built, with node_modules) first
  --duration <s>      measured seconds per scenario (default 10)
  --guessers <n>      concurrent guessers (default 40)`;

function options() {
  const { values } = readCommandLine(USAGE, {
    options: {
      "no-build": { type: "boolean" },
      before: { type: "string" },
      duration: { type: "string" },
      guessers: { type: "string" },
    },
  });
  const number = (v: string | undefined, fallback: number) => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isInteger(n) || n < 1) usageError(`expected a whole number >= 1, got "${v}"`);
    return n;
  };
  return {
    build: !values["no-build"],
    before: values.before,
    duration: number(values.duration, 10),
    guessers: number(values.guessers, 40),
  };
}

async function measureApp(
  app: string,
  appDir: string | undefined,
  databaseUrl: string,
  opts: ReturnType<typeof options>,
): Promise<Row[]> {
  console.error(`\n== ${app}: starting next start`);
  const server = await startServer(
    app,
    {
      NODE_ENV: "production",
      NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
      DATABASE_URL: databaseUrl,
      AUTH_SECURE_COOKIES: "false",
      // The spread scenario stands behind one proxy: its X-Forwarded-For is the client address.
      AUTH_TRUSTED_PROXY_HOPS: "1",
    },
    appDir,
  );
  const rows: Row[] = [];
  try {
    const cookie = await signIn(server.baseUrl);
    const url = `${server.baseUrl}${ROUTE}`;
    await probeUntil(url, cookie, Date.now() + 2000); // warm-up, unmeasured
    for (const scenario of scenarios(opts.guessers)) {
      assertNotStopping();
      console.error(`== ${app}: ${scenario.name}, ${opts.duration} s`);
      const started = Date.now();
      const deadline = started + opts.duration * 1000;
      const [latencies, tally] = await Promise.all([
        probeUntil(url, cookie, deadline),
        scenario.fetch
          ? fetchUntil(server.baseUrl, scenario.fetch, scenario.guessers, deadline)
          : guessUntil(server.baseUrl, scenario.guessers, deadline, scenario.pick ?? (() => ({ email: "" }))),
      ]);
      const seconds = (Date.now() - started) / 1000;
      rows.push({ app, scenario: scenario.name, latency: summarize(latencies), tally, seconds });
    }
  } finally {
    await server.stop();
  }
  return rows;
}

function render(rows: Row[], opts: ReturnType<typeof options>, startedAt: Date, load: string): string {
  const ms = (value: number) => formatMicros(value);
  const table = markdownTable(
    [
      { header: "App", right: false },
      { header: "Scenario", right: false },
      { header: "Probes", right: true },
      { header: "p50 ms", right: true },
      { header: "p90 ms", right: true },
      { header: "p99 ms", right: true },
      { header: "max ms", right: true },
      { header: "Their requests/s", right: true },
      { header: "Their answers", right: false },
    ],
    rows.map((r) => [
      r.app,
      r.scenario,
      String(r.latency.count),
      ms(r.latency.p50),
      ms(r.latency.p90),
      ms(r.latency.p99),
      ms(r.latency.max),
      r.tally.attempts ? (r.tally.attempts / r.seconds).toFixed(1) : "-",
      Object.entries(r.tally.statuses)
        .map(([status, count]) => `${status}×${count}`)
        .join(", ") || "-",
    ]),
  );
  const cpus = os.cpus();
  return [
    `### GET ${ROUTE} as ${BENCH_USER.email} while others guess passwords, next start, PostgreSQL`,
    "",
    `- Date: ${startedAt.toISOString()}`,
    `- Machine: Node ${process.version}, ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores; load average ${load} at start`,
    `- One client sends sequential GETs for ${opts.duration} s per scenario while the other clients run (guessers post wrong passwords to /api/auth/callback/credentials)`,
    "",
    table,
  ].join("\n");
}

async function main(): Promise<void> {
  const opts = options();
  const startedAt = new Date();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  cleanUpOnSignals();
  if (opts.build) await buildApp();
  else assertBuildExists();
  const databaseUrl = await createBenchDatabase(
    process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  );
  const rows: Row[] = [];
  if (opts.before) rows.push(...(await measureApp("before", opts.before, databaseUrl, opts)));
  rows.push(...(await measureApp("this checkout", undefined, databaseUrl, opts)));
  console.log(`\n${render(rows, opts, startedAt, load)}`);
}

main()
  .catch((error: unknown) => {
    console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => runCleanup());
