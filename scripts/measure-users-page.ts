// Times the users page's data query (lib/admin/users.ts: one page plus the
// total) against the database the environment names, e.g. after
// `npm run db:seed -- --users 10000`. Run it with the react-server condition,
// since the data layer is server-only:
//   npx tsx --conditions react-server scripts/measure-users-page.ts
import "./load-env";
import { listUsers } from "@/lib/admin/users";
import { getDb } from "@/lib/db/client";
import type { UserListQuery } from "@/lib/validations/admin";

const RUNS = 30;

async function time(run: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 3; i++) await run(); // warm up connections and plans
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(RUNS / 2)]!, p95: samples[Math.floor(RUNS * 0.95)]! };
}

// The same handle the query opens for itself: the app's database, as the environment names it.
void getDb().then(async (db) => {
  const first = await listUsers({});
  const editor = await db.prisma.role.findUnique({ where: { name: "Editor" }, select: { id: true } });
  // A cursor from the middle of the list, as "Next" would produce deep into paging.
  const middle = await db.prisma.user.findFirst({
    orderBy: { email: "asc" },
    skip: Math.floor(first.total / 2),
    select: { email: true },
  });
  const cases: [string, UserListQuery][] = [
    ["first page", {}],
    ["a page in the middle", { after: middle?.email }],
    ["the last page (backwards)", { before: "\uffff" }],
    ["search 'haddad'", { q: "haddad" }],
    ["search with no match", { q: "no-such-person" }],
    ["role filter: Editor", { role: editor?.id }],
  ];
  console.log(`${first.total} users; ${RUNS} runs each, after warm-up`);
  for (const [label, query] of cases) {
    const { median, p95 } = await time(() => listUsers(query));
    console.log(`  ${label.padEnd(28)} median ${median.toFixed(1)} ms   p95 ${p95.toFixed(1)} ms`);
  }
  await db.close();
});
