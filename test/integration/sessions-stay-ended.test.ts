// The freshness layer, with the stamp cache live (a ChangeListener running),
// after two writes that used to slip through: a user disabled and enabled
// again (their old sessions stay refused), and TRUNCATE "RolePermission"
// (the next request no longer carries the permissions).
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { loadClaims } from "@/lib/auth/claims";
import { ensureFreshClaims, type FreshnessDeps } from "@/lib/auth/freshness";
import { DEFAULT_SESSION_LIFETIME_SECONDS } from "@/lib/env";
import { type AuthToken, withClaims } from "@/lib/auth/token";
import { databaseStamps, StampCache } from "@/lib/auth/stamp-cache";
import type { ChangeListener } from "@/lib/db/change-listener";
import { PERMISSIONS } from "@/lib/permissions/catalogue";
import { hasPermission } from "@/lib/permissions/check";
import { unpackPermissions } from "@/lib/permissions/pack";
import { connectListener } from "@/lib/live/wiring";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { createRole, createUser, grant } from "../support/fixtures";

await describeOnBackends("sessions stay ended", (backend) => {
  let db: TestDatabase;
  let cache: StampCache;
  let listener: ChangeListener;
  let userId: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
  });
  afterAll(() => db?.dispose());

  beforeEach(async () => {
    cache = new StampCache(databaseStamps(db.prisma));
    listener = connectListener(
      db,
      { cache },
      {
        log: () => {},
        backoff: { baseMs: 50, capMs: 200 },
        heartbeat: null,
      },
    );
    await listener.started;
    userId = await createUser(db.sql);
    await grant(db.sql, userId, await createRole(db.sql, ["reports.read"]));
  });
  afterEach(() => listener.stop());

  const deps = (): FreshnessDeps => ({
    mode: "cached",
    now: Date.now(),
    stamps: cache,
    lifetimeSeconds: DEFAULT_SESSION_LIFETIME_SECONDS,
    loadClaims: (id, at) => loadClaims(db.prisma, id, at),
  });

  async function signIn(): Promise<AuthToken> {
    const claims = await loadClaims(db.prisma, userId, Date.now());
    return withClaims({ authAt: Date.now() }, claims!);
  }

  /** Waits until this instance has heard of everything committed so far, and checks it is still listening. */
  async function heard() {
    await listener.sync(5_000);
    expect(cache.stats().live, "the cache is live, not bypassed").toBe(true);
  }

  /** The session is served from the cache: what a request looks like before the change. */
  async function expectCurrentFromCache(token: AuthToken) {
    await heard(); // the set-up's own announcements are in, so nothing drops the entry between the two reads
    await ensureFreshClaims(token, deps());
    const hits = cache.stats().hits;
    expect((await ensureFreshClaims(token, deps())).kind).toBe("current");
    expect(cache.stats().hits).toBe(hits + 1);
  }

  it("disabled then enabled in SQL: the old session stays refused, a new sign-in works", async () => {
    const old = await signIn();
    await expectCurrentFromCache(old);
    await db.sql.query(`UPDATE "User" SET "disabledAt" = now() WHERE id = $1`, [userId]);
    await heard();
    expect(await ensureFreshClaims(old, deps())).toEqual({ kind: "refused", reason: "user is disabled" });

    await db.sql.query(`UPDATE "User" SET "disabledAt" = NULL WHERE id = $1`, [userId]);
    await heard();
    expect(await ensureFreshClaims(old, deps())).toEqual({ kind: "refused", reason: "session was revoked" });

    const fresh = await signIn();
    expect(fresh.authAt).toBeGreaterThan(old.authAt);
    const result = await ensureFreshClaims(fresh, deps());
    expect(result.kind).toBe("current");
    expect(unpackPermissions(fresh.perms, PERMISSIONS)).toEqual(["reports.read"]);
  });

  it("disabling moves sessionsRevokedAt in the same row update, never backwards", async () => {
    const future = new Date(Date.now() + 3_600_000);
    await db.sql.query(`UPDATE "User" SET "sessionsRevokedAt" = $2 WHERE id = $1`, [userId, future]);
    const before = Date.now();
    const [row] = await db.sql.query<{ revoked: Date; disabled: Date }>(
      `UPDATE "User" SET "disabledAt" = now() WHERE id = $1 RETURNING "sessionsRevokedAt" AS revoked, "disabledAt" AS disabled`,
      [userId],
    );
    // A later revocation already set is kept.
    expect(row!.revoked.getTime()).toBe(future.getTime());

    const other = await createUser(db.sql);
    const [plain] = await db.sql.query<{ revoked: Date }>(
      `UPDATE "User" SET "disabledAt" = now() WHERE id = $1 RETURNING "sessionsRevokedAt" AS revoked`,
      [other],
    );
    expect(plain!.revoked.getTime()).toBeGreaterThanOrEqual(before - 1_000); // the database's clock
    // Enabling, or any other update, leaves it where it is.
    const [enabled] = await db.sql.query<{ revoked: Date }>(
      `UPDATE "User" SET "disabledAt" = NULL, name = 'renamed' WHERE id = $1 RETURNING "sessionsRevokedAt" AS revoked`,
      [other],
    );
    expect(enabled!.revoked.getTime()).toBe(plain!.revoked.getTime());
  });

  it('TRUNCATE "RolePermission": the next request carries no permission, and a permission check refuses it', async () => {
    const token = await signIn();
    expect(
      hasPermission(
        { permissions: unpackPermissions(token.perms, PERMISSIONS), globalPermissions: [] },
        "reports.read",
      ),
    ).toBe(true);
    await expectCurrentFromCache(token);
    await db.sql.exec(`TRUNCATE "RolePermission"`);
    await heard();
    const result = await ensureFreshClaims(token, deps());
    expect(result.kind).toBe("rebuilt");
    const permissions = result.kind === "rebuilt" ? unpackPermissions(result.token.perms, PERMISSIONS) : null;
    expect(permissions).toEqual([]);
    expect(hasPermission({ permissions: permissions ?? [], globalPermissions: [] }, "reports.read")).toBe(
      false,
    );
  });
});
