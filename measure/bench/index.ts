// `npm run bench`: requests per second and latency of an authenticated API
// route under `next start`, once per configuration (freshness off, strict,
// cached), plus the cost of the freshness check alone; one table at the end.
// Progress and server output go to stderr, the table alone to stdout.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { assertNotStopping, cleanUpOnSignals, runCleanup } from "../../scripts/support/cleanup";
import { BASELINE, type BenchConfiguration, modeOf, selectConfigurations } from "./configurations";
import { createBenchDatabase } from "./database";
import { measureInProcess } from "./check";
import { type LoadResult, measureLoad } from "./load";
import { type BenchOptions, parseOptions } from "./options";
import { countedDuring, groupCpuMs, STATS_SETTLE_MS } from "./peers-measure";
import { formatRatio, type HttpRow, medianBy, renderReport, type RequestCosts } from "./report";
import { assertBuildExists, buildApp, startServer } from "../../scripts/support/next-server";
import { withClient } from "../../scripts/support/scratch-database";
import { assertAuthorized, BENCH_ROUTE, BENCH_USER, signIn, signInForToken } from "./session";

async function runConfiguration(
  configuration: BenchConfiguration,
  label: string,
  databaseUrl: string,
  secret: string,
  options: BenchOptions,
): Promise<LoadResult & { costs?: RequestCosts }> {
  console.error(`\n== ${label}: starting next start`);
  const server = await startServer(label, {
    NODE_ENV: "production",
    NEXTAUTH_SECRET: secret,
    DATABASE_URL: databaseUrl,
    // Plain http on loopback: the cookie is next-auth.session-token, whatever the shell says.
    AUTH_SECURE_COOKIES: "false",
    ...configuration.env,
  });
  try {
    const headers: Record<string, string> =
      configuration.credential === "bearer"
        ? { authorization: await signInForToken(server.baseUrl) }
        : { cookie: await signIn(server.baseUrl) };
    await assertAuthorized(server.baseUrl, headers);
    console.error(`== ${label}: ${options.warmup} s warm-up, ${options.duration} s measured`);
    const result = await measureLoad(`${server.baseUrl}${BENCH_ROUTE}`, headers, options);
    console.error(`== ${label}: ${result.requestsPerSecond.toFixed(1)} requests/s`);
    if (!options.costs) return result;
    return {
      ...result,
      costs: await measureCosts(server.pid, databaseUrl, `${server.baseUrl}${BENCH_ROUTE}`, headers, options),
    };
  } finally {
    await server.stop();
  }
}

/**
 * CPU and database work per request, counted over a load phase of its own:
 * the server's process group's CPU time (/proc), and PostgreSQL's committed
 * and rolled-back transactions of the benchmark database (a statement outside
 * BEGIN…COMMIT is one). Backends publish those counters only when idle, at
 * most every 10 s, so each reading waits for them.
 */
async function measureCosts(
  pid: number,
  databaseUrl: string,
  url: string,
  headers: Record<string, string>,
  options: BenchOptions,
): Promise<RequestCosts> {
  const database = new URL(databaseUrl).pathname.slice(1);
  return withClient(options.adminUrl, async (admin) => {
    await sleep(STATS_SETTLE_MS); // the sign-in's and the measured load's own counts reach pg_stat_database first
    const { result, counted } = await countedDuring(admin, database, async () => {
      const cpuBefore = groupCpuMs(pid);
      const load = await measureLoad(url, headers, {
        ...options,
        warmup: 0,
        duration: Math.min(5, options.duration),
      });
      return { requests: load.requests, cpuMs: groupCpuMs(pid) - cpuBefore };
    });
    return {
      cpuMicros: (result.cpuMs * 1000) / result.requests,
      transactions: counted.transactions / result.requests,
    };
  });
}

/** 1, 5 and 15 minute load averages: how busy the machine was besides us. */
function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
}

function machine(): string {
  const cpus = os.cpus();
  return `Node ${process.version}, ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, ${os.platform()} ${os.arch()}`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const configurations = selectConfigurations(options.only);
  const startedAt = new Date();
  const startLoad = loadAverage(); // before our own work moves it
  cleanUpOnSignals();

  if (options.build) await buildApp();
  else assertBuildExists();
  const databaseUrl = await createBenchDatabase(options.adminUrl);
  // One secret for the whole run, never a fixed one: these servers are real.
  const secret = randomBytes(32).toString("base64");

  // Rounds interleave the configurations, so a neighbour's burst of work (a
  // build on a shared machine) lands on all of them rather than on one.
  const runs = configurations.map(() => [] as (LoadResult & { costs?: RequestCosts })[]);
  for (let round = 1; round <= options.rounds; round++)
    for (const [i, configuration] of configurations.entries()) {
      assertNotStopping();
      const label = options.rounds > 1 ? `${configuration.name} (round ${round})` : configuration.name;
      runs[i]?.push(await runConfiguration(configuration, label, databaseUrl, secret, options));
    }
  const endLoad = loadAverage();

  // The servers are stopped by now: the check alone does not compete with them for the CPU.
  console.error("\n== in process: the check alone, and a request's whole auth work");
  assertNotStopping();
  const { check, authWork } = await measureInProcess(databaseUrl, configurations);

  const rows: HttpRow[] = configurations.map((configuration, i) => ({
    name: configuration.name,
    ...medianBy(runs[i] ?? [], (run) => run.requestsPerSecond),
    checkMicros: check[modeOf(configuration)] ?? null,
    authMicros: authWork[configuration.name] ?? null,
  }));
  if (options.json) {
    console.log(
      JSON.stringify({ date: startedAt.toISOString(), machine: machine(), startLoad, endLoad, rows }),
    );
    return;
  }
  const ran = (name: string) => configurations.some((c) => c.name === name);
  const notes = [
    `- Check alone: median µs per ensureFreshClaims call for a session whose claims are current, in the configuration's mode.`,
    ...(ran("lazy") || ran("short")
      ? [
          `- lazy and short, at AUTH_FRESHNESS_SECONDS=60: the one session of a run signed in just before it, so within the run lazy compares its stamp once and short never rebuilds; their cost after a change, or per interval, is what bench:propagation -- --mode times.`,
        ]
      : []),
    ...(ran("bearer")
      ? [
          `- bearer: the same route with \`Authorization: Bearer\` (an access token from POST /api/tokens) instead of the cookie. Its auth µs/request is the route's verification (the token remembered per value, expiry checked) and freshness check; the proxy passes bearer requests through untouched.`,
        ]
      : []),
    `- Auth µs/request: median in-process cost of everything auth does for a request whose cookie has not changed: decode the cookie and check freshness in the proxy, then again in the data access layer. "next-auth decode" derives the key and decrypts on every call, as next-auth does; the others use the app's codec (key derived once, decoded cookies remembered, expiry still checked).`,
  ];
  const before = authWork["cached, next-auth decode"];
  const after = authWork.cached;
  if (before !== undefined && after !== undefined)
    notes.push(
      `- Remembering decoded cookies makes a request's auth work ${formatRatio(before, after)} cheaper.`,
    );
  if (check.strict !== undefined && check.cached !== undefined)
    notes.push(`- A strict check costs ${formatRatio(check.strict, check.cached)} a cached one.`);
  const report = renderReport({
    title: `GET ${BENCH_ROUTE} as ${BENCH_USER.email}, next start, PostgreSQL`,
    preamble: [
      `- Date: ${startedAt.toISOString()}`,
      `- Machine: ${machine()}; load average ${startLoad} at start, ${endLoad} after the HTTP runs`,
      `- Load: autocannon on 127.0.0.1, ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s measured per configuration` +
        (options.rounds > 1
          ? `, ${options.rounds} interleaved rounds (the row is the median round by requests/s)`
          : ""),
    ],
    rows,
    baseline: BASELINE,
    notes,
  });
  console.log(`\n${report}`);
}

main()
  .catch((error: unknown) => {
    console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => runCleanup());
