// `npm run bench:streams`: memory of `next start` holding many idle event
// streams (GET /api/me/events) on PostgreSQL, heartbeats running. For each
// count (and each run), a fresh instance is warmed up and measured, then
// `count` streams are opened across `count / per-user` users and held across
// two heartbeat periods, and it is measured again. Every measurement forces a
// full garbage collection in the server first (measure/bench/memory-probe.mjs)
// and is the median of five readings; the growth divided by the count is the
// cost of a stream. Progress goes to stderr, the tables to stdout.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { TokenCodec } from "@/lib/auth/token-codec";
import { openDatabase } from "@/lib/db/open";
import { cleanUpOnSignals, onCleanup, runCleanup } from "../../scripts/support/cleanup";
import { readCommandLine } from "../../scripts/support/command-line";
import { assertBuildExists, buildApp, startServer } from "../../scripts/support/next-server";
import { createBenchDatabase } from "./database";
import { type MemoryReading, probeEnv, steadyMemory } from "./memory-readings";
import { markdownTable, median } from "./report";
import { createUsers, mintSessionCookie } from "./sessions";
import { openManyStreams } from "./stream-clients";

const USAGE = `Usage: npm run bench:streams -- [options]
  --no-build          reuse the existing .next build instead of running \`next build\`
  --counts <a,b>      numbers of streams to hold (default 1000,5000)
  --per-user <n>      streams per user (default 5)
  --hold <s>          seconds to hold them, at least 16 (default 35)
  --runs <n>          runs per count (default 1)
  --path <path>       the stream's path (default /api/me/events)
Environment: TEST_POSTGRES_URL, the PostgreSQL admin URL (default postgresql://postgres@127.0.0.1:5432/postgres)`;

const { values: flags } = readCommandLine(USAGE, {
  options: {
    "no-build": { type: "boolean" },
    counts: { type: "string", default: "1000,5000" },
    "per-user": { type: "string", default: "5" },
    hold: { type: "string", default: "35" },
    runs: { type: "string", default: "1" },
    path: { type: "string", default: "/api/me/events" },
  },
});
const COUNTS = flags.counts.split(",").map(Number);
const PER_USER = Number(flags["per-user"]);
const HOLD_SECONDS = Number(flags.hold);
const RUNS = Number(flags.runs);
if (COUNTS.some((n) => !(n > 0)) || !(PER_USER > 0) || !(HOLD_SECONDS >= 16) || !(RUNS >= 1))
  throw new Error(
    "--counts n,m (> 0), --per-user n (> 0), --hold s (>= 16: one heartbeat period and more), --runs n (>= 1)",
  );

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Row = {
  count: number;
  run: number;
  base: MemoryReading;
  held: MemoryReading;
  minHeartbeats: number;
  /** One-minute load average of the machine while the streams were held. */
  load: number;
};

async function measure(
  count: number,
  run: number,
  cookies: string[],
  env: Record<string, string>,
): Promise<Row> {
  const users = Math.ceil(count / PER_USER);
  console.error(`\n== ${count} streams across ${users} users (run ${run})`);
  const probeDir = mkdtempSync(path.join(os.tmpdir(), "bench-streams-"));
  const probeFile = path.join(probeDir, "memory.jsonl");
  const server = await startServer(`streams-${count}`, { ...env, ...probeEnv(probeFile) });
  try {
    const url = `${server.baseUrl}${flags.path}`;
    // Warm-up: the route compiled, its modules loaded, the pools filled, the JIT warm.
    for (const stream of await openManyStreams(url, cookies, 200)) stream.close();
    await sleep(3000);
    const base = await steadyMemory(server.pid, probeFile, 5);
    const streams = await openManyStreams(url, cookies.slice(0, users), count);
    const refused = streams.filter((s) => s.status !== 200);
    if (refused.length > 0)
      throw new Error(`${refused.length} streams refused (first: ${refused[0]!.status})`);
    console.error(`   all open; holding ${HOLD_SECONDS} s`);
    await sleep((HOLD_SECONDS - 5) * 1000);
    const load = os.loadavg()[0] ?? 0;
    const held = await steadyMemory(server.pid, probeFile, 5);
    const ended = streams.filter((s) => s.ended).length;
    if (ended > 0) throw new Error(`${ended} streams ended while held`);
    const minHeartbeats = Math.min(...streams.map((s) => s.heartbeats));
    for (const stream of streams) stream.close();
    return { count, run, base, held, minHeartbeats, load };
  } finally {
    await server.stop();
    rmSync(probeDir, { recursive: true, force: true });
  }
}

const kbPerStream = (r: Row, key: keyof MemoryReading) => (r.held[key] - r.base[key]) / 1024 / r.count;

function report(rows: Row[]): void {
  console.log(`\n### Memory per idle event stream (next start, PostgreSQL, ${flags.path})\n`);
  console.log(`- Date: ${new Date().toISOString()}; Node ${process.version}, ${os.cpus().length} cores`);
  console.log(
    `- Each run on a fresh instance: measured after a warm-up (200 streams opened and closed), then with the ` +
      `streams open for ${HOLD_SECONDS} s (heartbeats running). Each measurement: a full garbage collection ` +
      `in the server, then the median of 5 readings a second apart. RSS: the server's process group; ` +
      `live: V8 heap used + external. Load: the machine's 1-minute load average while held.\n`,
  );
  const mb = (bytes: number) => (bytes / MB).toFixed(0);
  console.log(
    markdownTable(
      [
        { header: "Streams", right: true },
        { header: "Run", right: true },
        { header: "RSS before MB", right: true },
        { header: "RSS held MB", right: true },
        { header: "RSS KB/stream", right: true },
        { header: "Live before MB", right: true },
        { header: "Live held MB", right: true },
        { header: "Live KB/stream", right: true },
        { header: "Heartbeats (min)", right: true },
        { header: "Load", right: true },
      ],
      rows.map((r) => [
        r.count.toLocaleString("en-US"),
        String(r.run),
        mb(r.base.rss),
        mb(r.held.rss),
        kbPerStream(r, "rss").toFixed(1),
        mb(r.base.live),
        mb(r.held.live),
        kbPerStream(r, "live").toFixed(1),
        String(r.minHeartbeats),
        r.load.toFixed(1),
      ]),
    ),
  );
  if (RUNS === 1) return;
  console.log(`\nMedian over ${RUNS} runs (lowest–highest):\n`);
  const range = (values: number[]) =>
    `${median(values).toFixed(1)} (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;
  console.log(
    markdownTable(
      [
        { header: "Streams", right: true },
        { header: "RSS KB/stream", right: true },
        { header: "Live KB/stream", right: true },
      ],
      COUNTS.map((count) => {
        const mine = rows.filter((r) => r.count === count);
        return [
          count.toLocaleString("en-US"),
          range(mine.map((r) => kbPerStream(r, "rss"))),
          range(mine.map((r) => kbPerStream(r, "live"))),
        ];
      }),
    ),
  );
}

async function main(): Promise<void> {
  cleanUpOnSignals();
  if (flags["no-build"]) assertBuildExists();
  else await buildApp();
  const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const databaseUrl = await createBenchDatabase(adminUrl);
  const secret = randomBytes(32).toString("base64");
  const codec = new TokenCodec(secret);
  const db = await openDatabase({ kind: "postgres", url: databaseUrl });
  onCleanup("close the script's connections", () => db.close());
  const userCount = Math.ceil(Math.max(...COUNTS) / PER_USER);
  console.error(`Creating ${userCount} users and their session cookies`);
  const ids = await createUsers(db.prisma, "streams", userCount, ["Viewer"]);
  const cookies: string[] = [];
  for (const id of ids) cookies.push(await mintSessionCookie(db.prisma, id, codec));

  const env = {
    NODE_ENV: "production",
    NEXTAUTH_SECRET: secret,
    DATABASE_URL: databaseUrl,
    AUTH_SECURE_COOKIES: "false",
    // Room for every stream of the run: this measures memory, not the caps.
    STREAM_CAP_USER: String(PER_USER),
    STREAM_CAP_INSTANCE: String(Math.max(...COUNTS) + 1000),
  };
  const rows: Row[] = [];
  for (let run = 1; run <= RUNS; run++)
    for (const count of COUNTS) rows.push(await measure(count, run, cookies, env));
  report(rows);
}

main()
  .catch((error: unknown) => {
    console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => runCleanup());
