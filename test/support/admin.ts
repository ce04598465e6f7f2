// Helpers for admin integration tests: actors with the permissions the
// database gives them right now, and a snapshot of every table to prove that
// a refused change wrote nothing.
import { type Actor, actorFromClaims, loadClaims } from "@/lib/auth/claims";
import type { Database } from "@/lib/db/open";
import type { SqlClient } from "@/lib/db/sql";
import { PERMISSIONS } from "@/lib/permissions/catalogue";

/** The claims a session of this user would carry if it signed in now. */
export async function claimsFor(db: Database, email: string) {
  const claims = await loadClaims(db.prisma, await idOfUser(db, email), Date.now());
  if (!claims) throw new Error(`no claims for ${email}`);
  return claims;
}

export async function actorFor(db: Database, email: string): Promise<Actor> {
  return actorFromClaims(await claimsFor(db, email));
}

export async function idOfUser(db: Database, email: string): Promise<string> {
  return (await db.prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
}

export async function idOfRole(db: Database, name: string): Promise<string> {
  return (await db.prisma.role.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;
}

/** What a user edit form carries: the user's permissionsUpdatedAt in ms. */
export async function permissionsUpdatedAtOfUser(db: Database, userId: string): Promise<number> {
  const user = await db.prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { permissionsUpdatedAt: true },
  });
  return user.permissionsUpdatedAt.getTime();
}

export async function roleVersion(db: Database, roleId: string): Promise<number> {
  return (await db.prisma.role.findUniqueOrThrow({ where: { id: roleId }, select: { version: true } }))
    .version;
}

/** A user with the given roles (by name), created in SQL like any other writer would. */
export async function createUserWithRoles(db: Database, email: string, roles: string[]): Promise<string> {
  const user = await db.prisma.user.create({
    data: { email, name: email.split("@")[0]!, passwordHash: "x" },
  });
  for (const name of roles) {
    await db.prisma.userRole.create({ data: { userId: user.id, roleId: await idOfRole(db, name) } });
  }
  return user.id;
}

/**
 * Runs `body` as someone holding every permission through a role of their own
 * (not the Admin role), then removes them and the role: for changes to an
 * admin, which only someone holding all of the admin's permissions may make.
 */
export async function withOperator<T>(db: Database, body: (operator: Actor) => Promise<T>): Promise<T> {
  const role = await db.prisma.role.create({
    data: { name: "Operators", permissions: { create: PERMISSIONS.map((permission) => ({ permission })) } },
  });
  const id = await createUserWithRoles(db, "operator@example.test", ["Operators"]);
  try {
    return await body(await actorFor(db, "operator@example.test"));
  } finally {
    await db.prisma.user.delete({ where: { id } });
    await db.prisma.role.delete({ where: { id: role.id } });
  }
}

const TABLES = {
  User: `SELECT * FROM "User" ORDER BY id`,
  Role: `SELECT * FROM "Role" ORDER BY id`,
  UserRole: `SELECT * FROM "UserRole" ORDER BY "userId", "roleId"`,
  RolePermission: `SELECT * FROM "RolePermission" ORDER BY "roleId", permission`,
  AuditEvent: `SELECT * FROM "AuditEvent" ORDER BY id`,
};

/** Every row of every table, as comparable text. */
export async function snapshotTables(sql: SqlClient): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(TABLES).map(async ([table, query]) => {
      const rows = await sql.query(query);
      return [
        table,
        JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)),
      ] as const;
    }),
  );
  return Object.fromEntries(entries);
}

export async function auditCount(db: Database): Promise<number> {
  return db.prisma.auditEvent.count();
}

/**
 * Runs `attempts` so that they truly overlap on PostgreSQL: the audit table is
 * locked, and it is released only once every attempt is waiting on a lock of
 * this database (at its audit insert, the last write of every admin change,
 * or behind another attempt's row or advisory lock) or has already finished.
 * PGlite has a single session, so there they simply queue.
 */
export async function overlapping<T>(
  db: Database,
  attempts: (() => Promise<T>)[],
): Promise<PromiseSettledResult<T>[]> {
  if (db.target.kind === "pglite") return Promise.allSettled(attempts.map((run) => run()));
  return db.withSession(async (blocker) => {
    await blocker.exec(`BEGIN; LOCK TABLE "AuditEvent" IN EXCLUSIVE MODE`);
    let finished = 0;
    const running = attempts.map((run) => run().finally(() => finished++));
    try {
      await waitUntil(async () => (await sessionsWaitingOnLocks(db)) + finished >= attempts.length);
    } finally {
      await blocker.exec("COMMIT");
    }
    return Promise.allSettled(running);
  });
}

/** Sessions of this test's own database that are waiting for a lock right now. */
async function sessionsWaitingOnLocks(db: Database): Promise<number> {
  const [row] = await db.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
  );
  return row?.n ?? 0;
}

/** Polls `condition` (a database read) every few ms until it holds; fails after `timeoutMs`. */
export async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A new active browser session of the user, as a sign-in would create it; its id. */
export async function createSessionOf(db: Database, userId: string): Promise<string> {
  const id = crypto.randomUUID();
  await db.sql.query(
    `INSERT INTO "Session" (id, "userId", kind, "userAgent") VALUES ($1, $2, 'browser', 'Test')`,
    [id, userId],
  );
  return id;
}
