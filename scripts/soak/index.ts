// `npm run soak`: about a minute of signed-in traffic on two `next start`
// instances of one PostgreSQL database while a role that allows the route is
// granted and revoked every 100 ms, straight in SQL. Afterwards a checker
// (checker.ts) counts requests allowed after their revocation had propagated
// and 5xx answers; both must be 0, or the run fails. Loopback only, bounded.
import { parseArgs } from "node:util";
import { PERMISSIONS_HEADER } from "@/lib/auth/headers";
import { setRole } from "../bench/role-toggle";
import { createUsers, mintSessionCookie } from "../bench/sessions";
import { startTwoInstances } from "../bench/two-instances";
import { runCleanup } from "../support/cleanup";
import { type Change, judge, type Observation } from "./checker";

const { values: flags } = parseArgs({
  options: {
    "no-build": { type: "boolean" },
    seconds: { type: "string", default: "60" },
    users: { type: "string", default: "40" },
    clients: { type: "string", default: "24" },
  },
});
const SECONDS = Math.min(Number(flags.seconds), 300);
const USERS = Number(flags.users);
const CLIENTS = Number(flags.clients);
const CHANGE_EVERY_MS = 100;
const now = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const { instances, codec, db, writer } = await startTwoInstances({ build: !flags["no-build"] });

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
  const endAt = now() + SECONDS * 1000;
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
  await Promise.all([mutator(), ...Array.from({ length: CLIENTS }, client)]);

  const v = judge(initial, changes, observations);
  const perSecond = (v.requests / SECONDS).toFixed(0);
  console.log(
    `\n### Soak: ${SECONDS} s, ${USERS} users, ${CLIENTS} clients, 2 instances, a role change every ${CHANGE_EVERY_MS} ms\n`,
  );
  console.log(`- Date: ${new Date().toISOString()}`);
  console.log(
    `- Requests: ${v.requests.toLocaleString("en-US")} (${perSecond}/s); role changes: ${v.changes}`,
  );
  console.log(`- Allowed after their revocation had propagated: **${v.allowedAfterRevocation}** (must be 0)`);
  console.log(
    `- 5xx answers: **${v.serverErrors}** (must be 0); other unexpected statuses: ${v.otherStatuses}`,
  );
  console.log(`- Denied after a grant had propagated: ${v.deniedAfterGrant}`);
  console.log(
    `- Allowed between a revocation's commit and its propagation to that instance: ${v.allowedInWindow} ` +
      `(longest: ${v.longestWindowMs.toFixed(1)} ms after the commit)`,
  );
  if (v.allowedAfterRevocation > 0 || v.serverErrors > 0 || v.otherStatuses > 0) process.exitCode = 1;
}

main()
  .catch((error: unknown) => {
    console.error(`\nSoak failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => runCleanup());
