// `npm run soak`: about a minute of signed-in traffic on two `next start`
// instances of one PostgreSQL database while a role that allows the route is
// granted and revoked every 100 ms, straight in SQL. In the middle, a database
// outage: both instances are cut off from PostgreSQL (TCP gates) while the
// role changes go on (outage.ts). Afterwards a checker (checker.ts) counts
// requests allowed after their revocation had propagated and 5xx answers
// outside the outage; both must be 0, no instance may crash, each must hold
// one LISTEN connection at the end, and each must serve again after the
// outage, or the run fails. Loopback only, bounded.
import { PERMISSIONS_HEADER } from "@/lib/auth/protocol";
import { setRole } from "../bench/role-toggle";
import { createUsers, mintSessionCookie } from "../bench/sessions";
import { startTwoInstances } from "../bench/two-instances";
import { runCleanup } from "../../scripts/support/cleanup";
import { readCommandLine } from "../../scripts/support/command-line";
import type { Database } from "@/lib/db/open";
import { type Change, judge, type Observation } from "./checker";
import { traceMemory } from "./memory";
import { playOutage } from "./outage";
import { passes, printOutage, printVerdict } from "./report";

const USAGE = `Usage: npm run soak -- [options]
  --no-build          reuse the existing .next build instead of running \`next build\`
  --seconds <s>       length of the run (default 60)
  --users <n>         signed-in users (default 40)
  --clients <n>       concurrent clients (default 24)
  --outage <s>        seconds the database is cut off, in the middle (default 15)
Environment: TEST_POSTGRES_URL, the PostgreSQL admin URL (default postgresql://postgres@127.0.0.1:5432/postgres)`;

const { values: flags } = readCommandLine(USAGE, {
  options: {
    "no-build": { type: "boolean" },
    seconds: { type: "string", default: "60" },
    users: { type: "string", default: "40" },
    clients: { type: "string", default: "24" },
    outage: { type: "string", default: "15" },
  },
});
const SECONDS = Math.min(Number(flags.seconds), 300);
const USERS = Number(flags.users);
const CLIENTS = Number(flags.clients);
const OUTAGE_SECONDS = Math.min(Number(flags.outage), SECONDS / 2);
const CHANGE_EVERY_MS = 100;
const now = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const { instances, servers, codec, db, writer, gates } = await startTwoInstances({
    build: !flags["no-build"],
    gated: OUTAGE_SECONDS > 0,
  });

  const ids = await createUsers(db.prisma, "soak", USERS, ["Viewer"]);
  const initial = new Map<string, boolean>();
  for (const [i, id] of ids.entries()) {
    if (i % 2 === 0) await setRole(writer, id, "Editor", true);
    initial.set(id, i % 2 === 0);
  }
  const cookies = new Map<string, string>();
  for (const id of ids) cookies.set(id, await mintSessionCookie(db.prisma, id, codec));

  console.error(
    `\n== ${SECONDS} s: ${CLIENTS} clients on ${instances.length} instances, a role change every ${CHANGE_EVERY_MS} ms`,
  );
  const startedAt = now();
  const endAt = startedAt + SECONDS * 1000;
  const observations: Observation[] = [];
  const changes: Change[] = [];
  const state = new Map(initial);
  const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;

  const client = async () => {
    while (now() < endAt) {
      const userId = pick(ids);
      const instance = pick(instances);
      const startedAt = now();
      const response = await fetch(`${instance}/api/reports`, {
        headers: { cookie: cookies.get(userId)! },
      }).catch(() => null);
      await response?.arrayBuffer();
      const header = response?.headers.get(PERMISSIONS_HEADER);
      observations.push({
        userId,
        instance,
        startedAt,
        endedAt: now(),
        status: response?.status ?? 599, // no answer at all counts as a server error
        stamp: header ? Number(header) : null,
      });
    }
  };
  const mutator = async () => {
    while (now() < endAt) {
      const next = now() + CHANGE_EVERY_MS;
      const userId = pick(ids);
      const granted = !state.get(userId);
      changes.push(await setRole(writer, userId, "Editor", granted));
      state.set(userId, granted);
      await new Promise((r) => setTimeout(r, Math.max(0, next - now())));
    }
  };
  const memory = traceMemory(servers);
  const outage = gates
    ? playOutage(gates, servers, {
        startAt: startedAt + ((SECONDS - OUTAGE_SECONDS) / 2) * 1000,
        lengthMs: OUTAGE_SECONDS * 1000,
      })
    : null;
  await Promise.all([mutator(), ...Array.from({ length: CLIENTS }, client)]);
  const outageReport = await outage;
  const window = outageReport?.window ?? null;
  const memorySummary = memory.stop(window ?? { cutAt: Infinity, reopenedAt: Infinity });

  const verdict = judge(initial, changes, observations, window);
  const listening = await listeningConnections(db);
  const crashes = servers.filter((s) => !s.running()).length;
  console.log(
    `\n### Soak: ${SECONDS} s, ${USERS} users, ${CLIENTS} clients, 2 instances, a role change every ${CHANGE_EVERY_MS} ms` +
      (outageReport ? `, a ${OUTAGE_SECONDS} s database outage in the middle` : "") +
      "\n",
  );
  printVerdict(verdict, SECONDS);
  if (outageReport) printOutage(outageReport, verdict, observations, instances, memorySummary);
  console.log(`- Crashes: **${crashes}** (must be 0)`);
  console.log(
    `- LISTEN connections held at the end: **${listening.total}** (${listening.byInstance}; must be one per instance)`,
  );
  const recovered = Object.values(verdict.recoveryMs).every((ms) => ms !== null);
  if (!passes(verdict) || crashes > 0 || listening.total !== instances.length || !recovered)
    process.exitCode = 1;
}

async function listeningConnections(db: Database): Promise<{ total: number; byInstance: string }> {
  const rows = await db.sql.query<{ app: string; n: number }>(
    `SELECT application_name AS app, count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND query LIKE 'LISTEN%' GROUP BY 1 ORDER BY 1`,
  );
  return {
    total: rows.reduce((sum, r) => sum + r.n, 0),
    byInstance: rows.map((r) => `${r.app}: ${r.n}`).join(", ") || "none",
  };
}

main()
  .catch((error: unknown) => {
    console.error(`\nSoak failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => runCleanup());
