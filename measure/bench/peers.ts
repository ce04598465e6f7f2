// `npm run bench:peers`: the libraries people pick instead of this app's
// freshness modes, on the same work (docs/STRATEGIES.md). The peers app
// (scripts/bench/peers) is installed on first use, built once, and served by
// two `next start` instances on a database of its own. For each peer, a
// user's Editor role is revoked and granted in SQL: from each commit, requests
// go back to back to instance B (the user signed in on A) until B answers with
// the new decision. Then each peer alone under load on A, nothing changing:
// requests/s, p50, the server's CPU time and PostgreSQL's transaction counters
// per request. `--smoke` only checks that every peer answers 200, 403 and 401.
// Progress goes to stderr; stdout carries the table, or with --json one line.
import { randomBytes } from "node:crypto";
import os from "node:os";
import pg from "pg";
import { cleanUpOnSignals, onCleanup, runCleanup } from "../../scripts/support/cleanup";
import { readCommandLine, usageError } from "../../scripts/support/command-line";
import { writeChart } from "./chart";
import { assertPeersBuilt, buildPeers, createPeersDatabase, ensureInstalled, startPeers } from "./peers-app";
import {
  type Changes,
  countedDuring,
  loadPeer,
  STATS_SETTLE_MS,
  statusOf,
  timeChanges,
} from "./peers-measure";
import {
  peerChartRows,
  type PeerRow,
  type PeerSpec,
  type PeersResult,
  peerSpecs,
  peersTable,
} from "./peers-report";
import { CookieJar, type PeerUser, type SignInContext, signInPeer } from "./peers-users";

const USAGE = `Usage: npm run bench:peers -- [options]
  --smoke               install if needed, build, start one instance, check every peer answers 200/403/401; exit 0 or 1
  --no-build            reuse the peers app's existing .next build
  --changes <n>         revokes and grants timed per peer, half each (default 100, rounded up to even)
  --window-changes <n>  the same for Better Auth's default 5-minute cookie cache, each up to 5 minutes (default 0: not timed)
  --seconds <n>         Better Auth's short cookie cache window, as bench:strategies' --seconds (default 2)
  --duration <s>        measured seconds of load per peer (default 10)
  --json                print the rows as one JSON line instead of the markdown table
  --chart <path>        also write the peers' chart (SVG) to this path
Environment: TEST_POSTGRES_URL, the PostgreSQL admin URL (default postgresql://postgres@127.0.0.1:5432/postgres)`;

const { values: flags } = readCommandLine(USAGE, {
  options: {
    smoke: { type: "boolean" },
    "no-build": { type: "boolean" },
    changes: { type: "string", default: "100" },
    "window-changes": { type: "string", default: "0" },
    seconds: { type: "string", default: "2" },
    duration: { type: "string", default: "10" },
    json: { type: "boolean" },
    chart: { type: "string" },
  },
});
for (const flag of ["changes", "seconds", "duration"] as const)
  if (!/^[1-9]\d*$/.test(flags[flag])) usageError(`--${flag} must be a whole number, at least 1`);
if (!/^\d+$/.test(flags["window-changes"])) usageError("--window-changes must be a whole number");
const even = (n: number) => n + (n % 2);
const CHANGES = even(Number(flags.changes));
const WINDOW_CHANGES = even(Number(flags["window-changes"]));
const SECONDS = Number(flags.seconds);
const LOAD = { connections: 10, warmup: 2, duration: Number(flags.duration) };
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const HOLDER = ["Viewer", "Editor"]; // Editor holds reports.read
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const reportsUrl = (base: string, peer: string) => `${base}/api/${peer}/reports`;

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  onCleanup("close a connection", () => client.end());
  return client;
}

async function setUp(instances: 1 | 2) {
  cleanUpOnSignals();
  await ensureInstalled();
  if (flags["no-build"]) assertPeersBuilt();
  else await buildPeers();
  const database = await createPeersDatabase(ADMIN_URL);
  const settings = {
    databaseUrl: database.url,
    secret: randomBytes(32).toString("base64"),
    shortWindowSeconds: SECONDS,
  };
  const a = await startPeers("A", settings);
  const b = instances === 2 ? await startPeers("B", settings) : null;
  const writer = await connect(database.url);
  const signIn: SignInContext = { writer, baseUrl: a.baseUrl, secret: settings.secret };
  return { database, a, b, writer, signIn };
}

async function smoke(): Promise<boolean> {
  const started = Date.now();
  const { a, signIn } = await setUp(1);
  let ok = true;
  for (const { name } of peerSpecs(SECONDS)) {
    const holder = await signInPeer(name, signIn, HOLDER);
    const viewer = await signInPeer(name, signIn, ["Viewer"]);
    const url = reportsUrl(a.baseUrl, name);
    const got = [
      await statusOf(url, holder.jar),
      await statusOf(url, viewer.jar),
      await statusOf(url, new CookieJar()),
    ];
    const passed = got.join() === "200,403,401";
    ok &&= passed;
    console.error(
      `${passed ? "ok  " : "FAIL"} ${name}: holder ${got[0]}, viewer ${got[1]}, anonymous ${got[2]}`,
    );
  }
  console.error(
    `Peers smoke test ${ok ? "passed" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return ok;
}

/** How long the timing waits for a change before it calls the peer broken. */
function giveUpMs(spec: PeerSpec): number | null {
  if (spec.staleness.kind === "exact") return 5_000;
  if (spec.staleness.kind === "never") return null;
  if (spec.staleness.seconds >= 60 && WINDOW_CHANGES === 0) return null;
  return spec.staleness.seconds * 1000 + 5_000;
}

async function bench(): Promise<void> {
  const { database, a, b, writer, signIn } = await setUp(2);
  const admin = await connect(ADMIN_URL);
  const specs = peerSpecs(SECONDS);
  const users = new Map<string, PeerUser>();
  const changes = new Map<string, Changes>();
  for (const spec of specs) {
    const user = await signInPeer(spec.name, signIn, HOLDER);
    users.set(spec.name, user);
    const url = reportsUrl(b!.baseUrl, spec.name);
    if ((await statusOf(url, user.jar)) !== 200) throw new Error(`${spec.name}: the Editor is refused on B`);
    const giveUp = giveUpMs(spec);
    if (giveUp === null) continue;
    const count = spec.staleness.kind === "window" && spec.staleness.seconds >= 60 ? WINDOW_CHANGES : CHANGES;
    console.error(`\n== ${spec.name}: ${count} changes in SQL, each timed on instance B`);
    changes.set(spec.name, await timeChanges(writer, user.id, url, user.jar, count, giveUp));
  }
  console.error(
    `\n== load: ${LOAD.warmup} s warm-up and ${LOAD.duration} s measured per peer, on instance A`,
  );
  // The changes left dead rows: clean them now, not by autovacuum during a peer's load (its transactions would count).
  await writer.query("VACUUM ANALYZE");
  await sleep(STATS_SETTLE_MS); // the changes' own counts reach pg_stat_database first
  const rows: PeerRow[] = [];
  for (const spec of specs) {
    const user = users.get(spec.name)!;
    const { result: load, counted } = await countedDuring(admin, database.name, () =>
      loadPeer(reportsUrl(a.baseUrl, spec.name), user.jar, a.pid, LOAD),
    );
    const timed = changes.get(spec.name);
    rows.push({
      ...spec,
      revoke: timed?.revoke ?? null,
      grant: timed?.grant ?? null,
      staleAnswers: timed?.staleAnswers ?? null,
      worstStale: timed?.worstStale ?? null,
      requestsPerSecond: load.requestsPerSecond,
      p50: load.p50,
      cpuMicrosPerRequest: load.cpuMicrosPerRequest,
      statementsPerRequest: counted.transactions / load.answered,
      rowsPerRequest: counted.rowsRead / load.answered,
    });
    console.error(`   ${spec.name}: ${load.requestsPerSecond.toFixed(1)} requests/s`);
  }
  report(rows);
}

function report(rows: PeerRow[]): void {
  const machine = `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "unknown CPU"}`;
  const date = new Date().toISOString();
  if (flags.chart) writeChart(peerChartRows(rows), flags.chart, "Peers: staleness against cost");
  if (flags.json) {
    const result: PeersResult = {
      date,
      machine,
      changes: CHANGES,
      seconds: SECONDS,
      duration: LOAD.duration,
      rows,
    };
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`\n### The peers on the same work (npm run bench:peers)\n`);
  console.log(`- Date: ${date}; ${machine}; load average ${os.loadavg()[0]!.toFixed(2)} at the end`);
  console.log(
    `- Changes: ${CHANGES} per peer (half revokes, half grants) of a user's Editor role in SQL; from the commit returning until instance B (the user signed in on A) answers the next request, sent back to back with the cookies B re-issues kept, with the new decision. Old answers: requests still allowed after a revoke committed (all; the most for one revoke).`,
  );
  console.log(
    `- Load: GET /api/<peer>/reports on A, 10 connections, ${LOAD.warmup} s warm-up then ${LOAD.duration} s measured, nothing changing. CPU: utime + stime of A's process group during the measured run, per request. Statements: transactions committed or rolled back in the peers' database (pg_stat_database) per request answered, warm-up included; each statement outside BEGIN…COMMIT is one.\n`,
  );
  console.log(peersTable(rows));
}

(flags.smoke ? smoke() : bench().then(() => true))
  .then((ok) => {
    if (!ok) process.exitCode = 1;
  })
  .catch((error: unknown) => {
    console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => runCleanup());
