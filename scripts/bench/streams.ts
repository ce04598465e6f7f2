// `npm run bench:streams`: resident memory of `next start` holding many idle
// event streams (GET /api/me/events) on PostgreSQL, heartbeats running. For
// each count, a fresh instance is warmed up, its RSS read, then `count`
// streams are opened across `count / per-user` users and held across two
// heartbeat periods; the growth divided by the count is the cost of a stream.
// Progress goes to stderr, the table to stdout.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import { TokenCodec } from "@/lib/auth/token-codec";
import { openDatabase } from "@/lib/db/open";
import { cleanUpOnSignals, onCleanup, runCleanup } from "../support/cleanup";
import { assertBuildExists, buildApp, startServer } from "../support/next-server";
import { groupRssBytes } from "../support/process-memory";
import { createBenchDatabase } from "./database";
import { markdownTable, median } from "./report";
import { createUsers, mintSessionCookie } from "./sessions";
import { openManyStreams } from "./stream-clients";

const { values: flags } = parseArgs({
  options: {
    "no-build": { type: "boolean" },
    counts: { type: "string", default: "1000,5000" },
    "per-user": { type: "string", default: "5" },
    hold: { type: "string", default: "35" },
  },
});
const COUNTS = flags.counts.split(",").map(Number);
const PER_USER = Number(flags["per-user"]);
const HOLD_SECONDS = Number(flags.hold);
if (COUNTS.some((n) => !(n > 0)) || !(PER_USER > 0) || !(HOLD_SECONDS >= 16))
  throw new Error("--counts n,m (> 0), --per-user n (> 0), --hold s (>= 16: one heartbeat period and more)");

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The median of `samples` readings, one a second: a single reading may catch a collection half done. */
async function steadyRss(pid: number, samples: number): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (i > 0) await sleep(1000);
    readings.push(groupRssBytes(pid));
  }
  return median(readings);
}

type Row = { count: number; users: number; base: number; held: number; minHeartbeats: number };

async function measure(count: number, cookies: string[], env: Record<string, string>): Promise<Row> {
  const users = Math.ceil(count / PER_USER);
  console.error(`\n== ${count} streams across ${users} users`);
  const server = await startServer(`streams-${count}`, env);
  try {
    const url = `${server.baseUrl}/api/me/events`;
    // Warm-up: the route compiled, its modules loaded, the pools filled, the JIT warm.
    for (const stream of await openManyStreams(url, cookies, 200)) stream.close();
    await sleep(3000);
    const base = await steadyRss(server.pid, 5);
    const streams = await openManyStreams(url, cookies.slice(0, users), count);
    const refused = streams.filter((s) => s.status !== 200);
    if (refused.length > 0)
      throw new Error(`${refused.length} streams refused (first: ${refused[0]!.status})`);
    console.error(`   all open; holding ${HOLD_SECONDS} s`);
    await sleep((HOLD_SECONDS - 5) * 1000);
    const held = await steadyRss(server.pid, 5);
    const ended = streams.filter((s) => s.ended).length;
    if (ended > 0) throw new Error(`${ended} streams ended while held`);
    const minHeartbeats = Math.min(...streams.map((s) => s.heartbeats));
    for (const stream of streams) stream.close();
    return { count, users, base, held, minHeartbeats };
  } finally {
    await server.stop();
  }
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
  for (const count of COUNTS) rows.push(await measure(count, cookies, env));

  console.log(`\n### Memory per idle event stream (next start, PostgreSQL)\n`);
  console.log(`- Date: ${new Date().toISOString()}; Node ${process.version}, ${os.cpus().length} cores`);
  console.log(
    `- Each count on a fresh instance: RSS after a warm-up (200 streams opened and closed), then with the ` +
      `streams open for ${HOLD_SECONDS} s (heartbeats running), median of 5 readings a second apart.\n`,
  );
  console.log(
    markdownTable(
      [
        { header: "Streams", right: true },
        { header: "Users", right: true },
        { header: "RSS before MB", right: true },
        { header: "RSS held MB", right: true },
        { header: "Growth MB", right: true },
        { header: "KB per stream", right: true },
        { header: "Heartbeats (min)", right: true },
      ],
      rows.map((r) => [
        r.count.toLocaleString("en-US"),
        r.users.toLocaleString("en-US"),
        (r.base / MB).toFixed(0),
        (r.held / MB).toFixed(0),
        ((r.held - r.base) / MB).toFixed(1),
        ((r.held - r.base) / 1024 / r.count).toFixed(1),
        String(r.minHeartbeats),
      ]),
    ),
  );
}

main()
  .catch((error: unknown) => {
    console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => runCleanup());
