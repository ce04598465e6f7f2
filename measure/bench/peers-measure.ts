// The measurements of npm run bench:peers, peer by peer: how long a role
// change made in SQL takes to reach a peer's answers, and what a request costs
// while nothing changes (rate, latency, the server's CPU time, PostgreSQL's
// own transaction counters).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import type pg from "pg";
import { type LatencySummary, summarize } from "./latency";
import type { LoadSettings } from "./load";
import type { CookieJar } from "./peers-users";

/** One request with the jar's cookies; cookies the server re-issues are kept, as a browser keeps them. */
export async function statusOf(url: string, jar: CookieJar): Promise<number> {
  const response = await fetch(url, { headers: { cookie: jar.header() } });
  jar.absorb(response.headers.getSetCookie());
  await response.arrayBuffer();
  return response.status;
}

const now = () => performance.timeOrigin + performance.now();

export type Changes = {
  revoke: LatencySummary;
  grant: LatencySummary;
  staleAnswers: number;
  worstStale: number;
};

/**
 * `count` changes of the user's Editor role in SQL, revoke first, then grant,
 * alternately. After each commit, requests go back to back to `url` until the
 * answer is the new one (403 after a revoke, 200 after a grant). Old answers
 * are the requests still allowed after a revoke had committed.
 */
export async function timeChanges(
  writer: pg.Client,
  userId: string,
  url: string,
  jar: CookieJar,
  count: number,
  giveUpMs: number,
): Promise<Changes> {
  const revoke: number[] = [];
  const grant: number[] = [];
  let staleAnswers = 0;
  let worstStale = 0;
  for (let i = 0; i < count; i++) {
    const granting = i % 2 === 1;
    await writer.query(
      granting
        ? `INSERT INTO user_role (user_id, role_id) VALUES ($1, 'editor')`
        : `DELETE FROM user_role WHERE user_id = $1 AND role_id = 'editor'`,
      [userId],
    );
    const committedAt = now(); // autocommit: the statement's return is its commit
    const wanted = granting ? 200 : 403;
    let stale = 0;
    for (let status = await statusOf(url, jar); status !== wanted; status = await statusOf(url, jar)) {
      if (status !== (granting ? 403 : 200)) throw new Error(`change ${i}: answered ${status}`);
      stale++;
      if (now() - committedAt > giveUpMs) throw new Error(`change ${i} not seen within ${giveUpMs / 1000} s`);
    }
    (granting ? grant : revoke).push(now() - committedAt);
    if (!granting) {
      staleAnswers += stale;
      worstStale = Math.max(worstStale, stale);
    }
  }
  return { revoke: summarize(revoke), grant: summarize(grant), staleAnswers, worstStale };
}

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** CPU milliseconds (user + system) used so far by every live process of the group `pgid`. */
export function groupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // it ended while we looked
    }
    // Fields after the command name, which may hold spaces: state ppid pgrp … utime(14) stime(15).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / CLOCK_TICKS;
}

export type Counters = { transactions: number; rowsRead: number };

/**
 * PostgreSQL's own counters for one database (pg_stat_database): committed
 * and rolled-back transactions (a statement outside BEGIN…COMMIT is one) and
 * rows fetched. Backends publish them when idle, at most every 10 s
 * (PGSTAT_IDLE_INTERVAL), so the caller waits that long before reading.
 */
export async function databaseCounters(admin: pg.Client, database: string): Promise<Counters> {
  await admin.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await admin.query<{ transactions: string; rows_read: string }>(
    `SELECT xact_commit + xact_rollback AS transactions, tup_fetched AS rows_read
     FROM pg_stat_database WHERE datname = $1`,
    [database],
  );
  return { transactions: Number(rows[0]?.transactions), rowsRead: Number(rows[0]?.rows_read) };
}

export const STATS_SETTLE_MS = 11_000;

/**
 * `work`, and what PostgreSQL counted for `database` while it ran: the
 * counters are read before, and again once they have settled after.
 */
export async function countedDuring<T>(
  admin: pg.Client,
  database: string,
  work: () => Promise<T>,
): Promise<{ result: T; counted: Counters }> {
  const before = await databaseCounters(admin, database);
  const result = await work();
  await sleep(STATS_SETTLE_MS);
  const after = await databaseCounters(admin, database);
  return {
    result,
    counted: {
      transactions: after.transactions - before.transactions,
      rowsRead: after.rowsRead - before.rowsRead,
    },
  };
}

export type Load = {
  requestsPerSecond: number;
  p50: number;
  /** Every request answered, warm-up included (what the database counters saw). */
  answered: number;
  cpuMicrosPerRequest: number;
};

/** autocannon's per-request hooks, which types/autocannon.d.ts leaves out. */
type HookedRequest = {
  setupRequest(request: { headers?: Record<string, string> }): object;
  onResponse(status: number, body: string, context: object, headers?: Record<string, unknown>): void;
};
const cannon = autocannon as unknown as (
  options: Parameters<typeof autocannon>[0] & { requests: HookedRequest[] },
) => ReturnType<typeof autocannon>;

/**
 * autocannon against `url`, the jar's cookies on every request and cookies
 * re-issued kept for the next ones (all connections are one user's browser):
 * a warm-up, then the measured run, during which the server group's CPU time
 * is taken. Any answer but 200 fails the run.
 */
export async function loadPeer(
  url: string,
  jar: CookieJar,
  pgid: number,
  settings: LoadSettings,
): Promise<Load> {
  let answered = 0;
  let refused = 0;
  const request: HookedRequest = {
    setupRequest: (req) => ({ ...req, headers: { ...req.headers, cookie: jar.header() } }),
    onResponse: (status, _body, _context, headers) => {
      answered++;
      if (status !== 200) refused++;
      const set = headers?.["set-cookie"];
      if (set) jar.absorb((Array.isArray(set) ? set : [set]).map(String));
    },
  };
  const base = { url, connections: settings.connections, timeout: 10, requests: [request] };
  if (settings.warmup > 0) await cannon({ ...base, duration: settings.warmup });
  const cpuBefore = groupCpuMs(pgid);
  const result = await cannon({ ...base, duration: settings.duration });
  const cpuMs = groupCpuMs(pgid) - cpuBefore;
  if (refused > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(
      `${url}: ${refused} answers other than 200, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    answered,
    cpuMicrosPerRequest: (cpuMs * 1000) / result.requests.total,
  };
}
