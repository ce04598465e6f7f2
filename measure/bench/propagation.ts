// `npm run bench:propagation`: two `next start` instances on one PostgreSQL
// database. A role is granted and revoked straight in SQL, many times; for
// each change we time, from the moment the commit returned:
// - enforcement: until instance B answers the user's next request with the
//   new decision (requests sent back to back, each one a real request), and
// - push: until B's event stream for the user delivers the new stamp.
// Then one statement changes a role with 10,000 members, and every member's
// next request on B is checked. With --mode, both instances run that
// AUTH_FRESHNESS (docs/STRATEGIES.md): lazy and short take up to --seconds to
// enforce, reauth enforces by ending the session (401; a new session is made
// for the next change, and no stream is timed). The client keeps the cookie
// the server re-issues, as a browser does. Progress goes to stderr, the
// tables to stdout.
import { FRESHNESS_MODES, type FreshnessMode } from "@/lib/env";
import { HEARTBEAT_MS } from "@/lib/push/permission-stream";
import { readCommandLine, usageError } from "../../scripts/support/command-line";
import { openEventStream } from "../../scripts/support/event-stream";
import { onCleanup, runCleanup } from "../../scripts/support/cleanup";
import { measureBulkChange } from "./bulk-change";
import { latencyTable, summarize } from "./latency";
import { setRole } from "./role-toggle";
import { createUsers, mintSessionCookie } from "./sessions";
import { startTwoInstances } from "./two-instances";

const USAGE = `Usage: npm run bench:propagation -- [options]
  --no-build          reuse the existing .next build instead of running \`next build\`
  --changes <n>       grants and revocations to time (default 300)
  --members <n>       members of the role changed in one statement (default 10000; cached and strict only)
  --mode <mode>       AUTH_FRESHNESS of both instances: reauth, lazy, short, strict or cached (default)
  --seconds <n>       AUTH_FRESHNESS_SECONDS for lazy and short (default 2)
  --json              print the figures as JSON instead of the markdown tables
Environment: TEST_POSTGRES_URL, the PostgreSQL admin URL (default postgresql://postgres@127.0.0.1:5432/postgres)`;

const { values: flags } = readCommandLine(USAGE, {
  options: {
    "no-build": { type: "boolean" },
    changes: { type: "string", default: "300" },
    members: { type: "string", default: "10000" },
    mode: { type: "string", default: "cached" },
    seconds: { type: "string", default: "2" },
    json: { type: "boolean" },
  },
});
const CHANGES = Number(flags.changes);
const MEMBERS = Number(flags.members);
const MODE = FRESHNESS_MODES.find((m) => m === flags.mode) as FreshnessMode | undefined;
const SECONDS = Number(flags.seconds);
if (!MODE || MODE === "off")
  usageError(`--mode must be one of reauth, lazy, short, strict, cached (off never enforces a change)`);
if (!Number.isInteger(SECONDS) || SECONDS < 1) usageError("--seconds must be a whole number, at least 1");
/** How long a change may take to show, by the mode's own promise, before the run gives up. */
const GIVE_UP_MS = 5_000 + (MODE === "lazy" || MODE === "short" ? SECONDS * 1000 : 0);
const ENDS_SESSION = MODE === "reauth";
/** lazy and short answer a stream's wake from the trusted claims too: its news waits for a heartbeat's check. */
const TIMES_PUSH = MODE === "cached" || MODE === "strict";
const COOKIE_NAME = "next-auth.session-token";

async function main(): Promise<void> {
  const settings = { AUTH_FRESHNESS: MODE!, AUTH_FRESHNESS_SECONDS: String(SECONDS) };
  const { instances, codec, db, writer } = await startTwoInstances({ build: !flags["no-build"], settings });
  const [a, b] = instances;

  const [userId] = await createUsers(db.prisma, "propagation", 1, ["Viewer"]);
  let cookie = await mintSessionCookie(db.prisma, userId!, codec);
  const status = async () => {
    const response = await fetch(`${b}/api/reports`, { headers: { cookie } });
    // A rebuilt token comes back as a new cookie: keep it, as a browser does.
    const renewed = response.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE_NAME}=`));
    if (renewed && !renewed.startsWith(`${COOKIE_NAME}=;`)) cookie = renewed.split(";")[0]!;
    await response.arrayBuffer();
    return response.status;
  };
  if ((await fetch(`${a}/api/reports`, { headers: { cookie } })).status !== 403)
    throw new Error("instance A does not see the user as a viewer");

  // Push: B's event stream for the user, stamps in arrival order (cached and strict only: see TIMES_PUSH).
  const pushed = new Map<number, number>(); // stamp → arrival time
  if (TIMES_PUSH) {
    const stream = await openEventStream(`${b}/api/me/events`, cookie, (event) => {
      if (event.event === "permissions") {
        const { permissionsUpdatedAt } = JSON.parse(event.data) as { permissionsUpdatedAt: number };
        pushed.set(permissionsUpdatedAt, event.receivedAt);
      }
    });
    onCleanup("close the event stream", async () => stream.close());
  }

  console.error(`\n== ${CHANGES} changes in SQL, each enforced on instance B (${MODE})`);
  const enforcement: number[] = [];
  const byDirection = { grant: [] as number[], revoke: [] as number[] };
  const push: number[] = [];
  let staleAnswers = 0;
  // Of those, the ones that let the user in after a revoke committed (the peers' table counts these).
  let allowedAfterRevoke = 0;
  let worstAllowed = 0;
  let worstStale = 0;
  for (let i = 0; i < CHANGES; i++) {
    const granted = i % 2 === 0;
    const change = await setRole(writer, userId!, "Editor", granted);
    const wanted = ENDS_SESSION ? 401 : granted ? 200 : 403;
    let stale = 0;
    let answered = await status();
    while (answered !== wanted) {
      stale++;
      if (performance.timeOrigin + performance.now() - change.committedAt > GIVE_UP_MS)
        throw new Error(`change ${i} was not enforced on B within ${GIVE_UP_MS / 1000} s`);
      answered = await status();
    }
    const took = performance.timeOrigin + performance.now() - change.committedAt;
    enforcement.push(took);
    byDirection[granted ? "grant" : "revoke"].push(took);
    staleAnswers += stale;
    if (!granted) {
      allowedAfterRevoke += stale;
      worstAllowed = Math.max(worstAllowed, stale);
    }
    worstStale = Math.max(worstStale, stale);
    if (ENDS_SESSION) cookie = await mintSessionCookie(db.prisma, userId!, codec); // the user signs in again
    if (!TIMES_PUSH) continue;
    const until = Date.now() + GIVE_UP_MS;
    while (!pushed.has(change.stamp) && Date.now() < until) await new Promise((r) => setTimeout(r, 1));
    const arrival = pushed.get(change.stamp);
    if (arrival === undefined)
      throw new Error(`change ${i} was not pushed by B within ${GIVE_UP_MS / 1000} s`);
    push.push(Math.max(0, arrival - change.committedAt));
  }

  const bulk =
    (MODE === "cached" || MODE === "strict") && MEMBERS > 0
      ? (console.error(`\n== one statement changes a role with ${MEMBERS} members`),
        await measureBulkChange({ db, writer, codec, instance: b, members: MEMBERS }))
      : null;

  if (flags.json) {
    const figures = {
      mode: MODE,
      seconds: MODE === "lazy" || MODE === "short" ? SECONDS : null,
      enforcement: summarize(enforcement),
      grant: summarize(byDirection.grant),
      revoke: summarize(byDirection.revoke),
      push: TIMES_PUSH ? summarize(push) : null,
      staleAnswers,
      worstStale,
      allowedAfterRevoke,
      worstAllowed,
    };
    console.log(JSON.stringify(figures));
    return;
  }
  const interval = MODE === "lazy" || MODE === "short" ? `, AUTH_FRESHNESS_SECONDS=${SECONDS}` : "";
  console.log(
    `\n### Propagation across instances (commit in SQL → instance B), AUTH_FRESHNESS=${MODE}${interval}\n`,
  );
  console.log(`- Date: ${new Date().toISOString()}; two next start instances and PostgreSQL on this machine`);
  console.log(
    `- Enforcement: from the commit returning until B answers the next request with the new decision` +
      (ENDS_SESSION ? ` (under reauth: 401, the session ended)` : ``) +
      `; requests are sent back to back, so each figure includes one request's own time.`,
  );
  console.log(
    `- Requests answered with the old decision after the commit: ${staleAnswers} in all, at most ${worstStale} for one change.`,
  );
  if (TIMES_PUSH)
    console.log(`- Push: from the commit returning until B's event stream delivers the new stamp.`);
  else if (!ENDS_SESSION)
    console.log(
      `- Push: not timed. Under ${MODE} a stream's wake is answered from the trusted claims too; the news reaches it at its first heartbeat check (every ${HEARTBEAT_MS / 1000} s) after the interval.`,
    );
  else console.log(`- Push: not timed. Under reauth the stream ends with the session.`);
  console.log("");
  console.log(
    latencyTable([
      { name: "enforcement on B", summary: summarize(enforcement) },
      ...(TIMES_PUSH ? [{ name: "push from B", summary: summarize(push) }] : []),
    ]),
  );
  if (bulk) {
    console.log(`\n### A role with ${MEMBERS.toLocaleString("en-US")} members changes in one statement\n`);
    for (const line of bulk) console.log(`- ${line}`);
  }
}

main()
  .catch((error: unknown) => {
    console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => runCleanup());
