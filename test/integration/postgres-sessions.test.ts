// What only a server with several sessions can show: a change committing in
// another session while claims are rebuilt, and a listening connection that
// is killed under the cache.
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadClaims } from "@/lib/auth/claims";
import { ensureFreshClaims, type FreshnessDeps } from "@/lib/auth/freshness";
import { DEFAULT_SESSION_LIFETIME_SECONDS } from "@/lib/env";
import { withClaims } from "@/lib/auth/token";
import { databaseStamps, StampCache } from "@/lib/auth/stamp-cache";
import { PERMISSIONS } from "@/lib/permissions/catalogue";
import { unpackPermissions } from "@/lib/permissions/pack";
import { connectListener } from "@/lib/live/wiring";
import { createMigratedDatabase, describeOnPostgres, type TestDatabase } from "../support/databases";
import { createRole, createUser, grant } from "../support/fixtures";

const waitFor = async (condition: () => boolean, timeoutMs = 5000) => {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
};

await describeOnPostgres("sessions and connections", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createMigratedDatabase("postgres");
  });
  afterAll(() => db?.dispose());

  const permissionsOf = (perms: string) => unpackPermissions(perms, PERMISSIONS);

  it("a change committing during a rebuild makes the next check rebuild again (stamp read, never now())", async () => {
    const roleId = await createRole(db.sql, ["reports.read"]);
    const userId = await createUser(db.sql);
    await grant(db.sql, userId, roleId);
    const deps: FreshnessDeps = {
      mode: "strict",
      now: Date.now(),
      lifetimeSeconds: DEFAULT_SESSION_LIFETIME_SECONDS,
      stamps: databaseStamps(db.prisma),
      loadClaims: (id, at) => loadClaims(db.prisma, id, at),
    };
    // A writer opens a transaction and changes the role, but has not committed.
    await db.withSession(async (writer) => {
      await writer.exec("BEGIN");
      await writer.query(`DELETE FROM "RolePermission" WHERE "roleId" = $1`, [roleId]);
      // Meanwhile the claims are rebuilt: they see the old permissions and the old stamp.
      const claims = await loadClaims(db.prisma, userId, Date.now());
      const token = withClaims({ authAt: Date.now() }, claims!);
      expect(permissionsOf(token.perms)).toEqual(["reports.read"]);
      await writer.exec("COMMIT");
      // The committed change moved the stamp past the one in the token: rebuilt, permission gone.
      const next = await ensureFreshClaims(token, deps);
      expect(next.kind).toBe("rebuilt");
      if (next.kind === "rebuilt") expect(permissionsOf(next.token.perms)).toEqual([]);
    });
  });

  it("a killed listening connection never yields a stale answer, and the cache recovers", async () => {
    const roleId = await createRole(db.sql, ["reports.read"]);
    const userId = await createUser(db.sql);
    await grant(db.sql, userId, roleId);
    const cache = new StampCache(databaseStamps(db.prisma));
    const listener = connectListener(db, { cache }, { log: () => {}, backoff: { baseMs: 200, capMs: 400 } });
    await listener.started;
    try {
      const stampNow = async () =>
        (
          await db.sql.query<{ s: Date }>(`SELECT "permissionsUpdatedAt" s FROM "User" WHERE id = $1`, [
            userId,
          ])
        )[0]!.s.getTime();
      expect(await cache.read(userId)).toBe(await stampNow());
      expect(cache.stats().size).toBe(1);

      const killed = await db.sql.query<{ ok: boolean }>(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
         WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
      );
      expect(killed.map((r) => r.ok)).toEqual([true]);
      await waitFor(() => !cache.isLive);

      // While the listener is down, every answer comes from the database.
      await db.sql.query(`DELETE FROM "UserRole" WHERE "userId" = $1`, [userId]);
      expect(await cache.read(userId)).toBe(await stampNow());
      expect(cache.stats().bypassed).toBeGreaterThan(0);

      // It re-subscribes by itself and serves from memory again, exactly.
      await waitFor(() => cache.isLive);
      await grant(db.sql, userId, roleId);
      await listener.sync(10_000); // the grant's notification has arrived
      expect(await cache.read(userId)).toBe(await stampNow());
      const hitsBefore = cache.stats().hits;
      expect(await cache.read(userId)).toBe(await stampNow());
      expect(cache.stats().hits).toBe(hitsBefore + 1);
    } finally {
      await listener.stop();
    }
  });
});
