// One statement changes a role held by thousands of users: how long the
// commit takes (the trigger bumps every member in that same statement), how
// soon instance B hears of it, and how long until every member's next request
// on B has been answered with rebuilt claims.
import type pg from "pg";
import { loadClaims } from "@/lib/auth/claims";
import { organizationClaims } from "@/lib/tenancy/claims-extension";
import type { TokenCodec } from "@/lib/auth/token-codec";
import type { Database } from "@/lib/db/open";
import { openEventStream } from "../../scripts/support/event-stream";
import { createUsers, sessionCookieFor } from "./sessions";

type BulkInput = {
  db: Database;
  writer: pg.ClientBase;
  codec: TokenCodec;
  instance: string;
  members: number;
};

const CONCURRENCY = 32;
const now = () => performance.timeOrigin + performance.now();

export async function measureBulkChange({
  db,
  writer,
  codec,
  instance,
  members,
}: BulkInput): Promise<string[]> {
  const role = await db.prisma.role.create({
    data: { name: "Bulk", permissions: { create: { permission: "reports.read" } } },
  });
  const started = now();
  const ids = await createUsers(db.prisma, "bulk", members, ["Bulk"]);
  console.error(`created ${members} members in ${((now() - started) / 1000).toFixed(1)} s`);
  const cookies = await mintCookies(db, ids, codec);

  let pushedAt: number | null = null;
  let committedAt = 0;
  const stream = await openEventStream(`${instance}/api/me/events`, cookies[0]!, (event) => {
    if (event.event === "permissions" && pushedAt === null && committedAt > 0) pushedAt = event.receivedAt;
  });
  await new Promise((r) => setTimeout(r, 200)); // the stream's first event is the current stamp

  const before = now();
  await writer.query(`INSERT INTO "RolePermission" ("roleId", permission) VALUES ($1, 'audit.read')`, [
    role.id,
  ]);
  committedAt = now();
  const commitMs = committedAt - before;

  let next = 0;
  let stale = 0;
  const worker = async () => {
    while (next < cookies.length) {
      const cookie = cookies[next++]!;
      const response = await fetch(`${instance}/api/me/permissions`, { headers: { cookie } });
      const body = (await response.json()) as { permissions?: string[] };
      if (!body.permissions?.includes("audit.read")) stale++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const allDoneMs = now() - committedAt;
  stream.close();

  const pushMs = pushedAt === null ? null : (pushedAt as number) - committedAt;
  const rate = members / (allDoneMs / 1000);
  return [
    `The statement (\`INSERT INTO "RolePermission"\`, whose trigger bumps all ${members.toLocaleString("en-US")} members' stamps) committed in ${commitMs.toFixed(0)} ms.`,
    `Instance B heard of it (one "*" notification) and pushed a member's new stamp ${pushMs === null ? "— (no push seen)" : `${pushMs.toFixed(0)} ms`} after the commit.`,
    `Every member's next request on B was answered with the new claims: all ${members.toLocaleString("en-US")} within ${(allDoneMs / 1000).toFixed(1)} s of the commit, ${CONCURRENCY} requests at a time (${rate.toFixed(0)} rebuilds/s on one instance); stale answers: ${stale}.`,
  ];
}

/** Session cookies for every member, built as sign-in builds them (see sessions.ts). */
async function mintCookies(db: Database, ids: string[], codec: TokenCodec): Promise<string[]> {
  const template = await loadClaims(db.prisma, ids[0]!, Date.now(), null, organizationClaims);
  if (!template) throw new Error("no claims for the first member");
  const rows = await db.sql.query<{ id: string; permissionsUpdatedAt: Date }>(
    `SELECT id, "permissionsUpdatedAt" FROM "User" WHERE id = ANY($1)`,
    [ids],
  );
  const authAt = Date.now();
  return Promise.all(
    rows.map(async ({ id, permissionsUpdatedAt }) => {
      const claims = {
        ...template,
        userId: id,
        email: `${id}@bench.test`,
        name: id,
        permissionsUpdatedAt: permissionsUpdatedAt.getTime(),
      };
      return sessionCookieFor(codec, claims, authAt);
    }),
  );
}
