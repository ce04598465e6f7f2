// `npm run bench:propagation`: two `next start` instances on one PostgreSQL
// database. A role is granted and revoked straight in SQL, many times; for
// each change we time, from the moment the commit returned:
// - enforcement: until instance B answers the user's next request with the
//   new decision (requests sent back to back, each one a real request), and
// - push: until B's event stream for the user delivers the new stamp.
// Then one statement changes a role with 10,000 members, and every member's
// next request on B is checked. Progress goes to stderr, the tables to stdout.
import { readCommandLine } from "../../scripts/support/command-line";
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
  --members <n>       members of the role changed in one statement (default 10000)
Environment: TEST_POSTGRES_URL, the PostgreSQL admin URL (default postgresql://postgres@127.0.0.1:5432/postgres)`;

const { values: flags } = readCommandLine(USAGE, {
  options: {
    "no-build": { type: "boolean" },
    changes: { type: "string", default: "300" },
    members: { type: "string", default: "10000" },
  },
});
const CHANGES = Number(flags.changes);
const MEMBERS = Number(flags.members);

async function main(): Promise<void> {
  const { instances, codec, db, writer } = await startTwoInstances({ build: !flags["no-build"] });
  const [a, b] = instances;

  const [userId] = await createUsers(db.prisma, "propagation", 1, ["Viewer"]);
  const cookie = await mintSessionCookie(db.prisma, userId!, codec);
  const status = async () => (await fetch(`${b}/api/reports`, { headers: { cookie } })).status;
  if ((await fetch(`${a}/api/reports`, { headers: { cookie } })).status !== 403)
    throw new Error("instance A does not see the user as a viewer");

  // Push: B's event stream for the user, stamps in arrival order.
  const pushed = new Map<number, number>(); // stamp → arrival time
  const stream = await openEventStream(`${b}/api/me/events`, cookie, (event) => {
    if (event.event === "permissions") {
      const { permissionsUpdatedAt } = JSON.parse(event.data) as { permissionsUpdatedAt: number };
      pushed.set(permissionsUpdatedAt, event.receivedAt);
    }
  });
  onCleanup("close the event stream", async () => stream.close());

  console.error(`\n== ${CHANGES} changes in SQL, each enforced on instance B`);
  const enforcement: number[] = [];
  const push: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const granted = i % 2 === 0;
    const change = await setRole(writer, userId!, "Editor", granted);
    const wanted = granted ? 200 : 403;
    let answered = await status();
    while (answered !== wanted) {
      if (performance.timeOrigin + performance.now() - change.committedAt > 5_000)
        throw new Error(`change ${i} was not enforced on B within 5 s`);
      answered = await status();
    }
    enforcement.push(performance.timeOrigin + performance.now() - change.committedAt);
    const until = Date.now() + 5_000;
    while (!pushed.has(change.stamp) && Date.now() < until) await new Promise((r) => setTimeout(r, 1));
    const arrival = pushed.get(change.stamp);
    if (arrival === undefined) throw new Error(`change ${i} was not pushed by B within 5 s`);
    push.push(Math.max(0, arrival - change.committedAt));
  }

  console.error(`\n== one statement changes a role with ${MEMBERS} members`);
  const bulk = await measureBulkChange({ db, writer, codec, instance: b, members: MEMBERS });

  console.log(`\n### Propagation across instances (commit in SQL → instance B)\n`);
  console.log(`- Date: ${new Date().toISOString()}; two next start instances and PostgreSQL on this machine`);
  console.log(
    `- Enforcement: from the commit returning until B answers the next request with the new decision; ` +
      `requests are sent back to back, so each figure includes one request's own time.`,
  );
  console.log(`- Push: from the commit returning until B's event stream delivers the new stamp.\n`);
  console.log(
    latencyTable([
      { name: "enforcement on B", summary: summarize(enforcement) },
      { name: "push from B", summary: summarize(push) },
    ]),
  );
  console.log(`\n### A role with ${MEMBERS.toLocaleString("en-US")} members changes in one statement\n`);
  for (const line of bulk) console.log(`- ${line}`);
}

main()
  .catch((error: unknown) => {
    console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => runCleanup());
