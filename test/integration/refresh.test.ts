import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { loadClaims } from "@/lib/auth/claims";
import { ensureFreshClaims, type FreshnessDeps } from "@/lib/auth/freshness";
import { DEFAULT_SESSION_LIFETIME_SECONDS } from "@/lib/env";
import { type AuthToken, permissionsUpdatedAtOf, withClaims } from "@/lib/auth/token";
import { databaseStamps, StampCache, type StampSource } from "@/lib/auth/stamp-cache";
import type { ChangeListener } from "@/lib/db/change-listener";
import { PERMISSIONS } from "@/lib/permissions/catalogue";
import { packPermissions, unpackPermissions } from "@/lib/permissions/pack";
import { connectListener } from "@/lib/live/wiring";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { createRole, createUser, grant, stampsOf } from "../support/fixtures";

await describeOnBackends("refreshing claims against the database", (backend) => {
  let db: TestDatabase;
  let cache: StampCache;
  let listener: ChangeListener;
  let userId: string, roleId: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
  });
  afterAll(() => db?.dispose());

  beforeEach(async () => {
    cache = new StampCache(databaseStamps(db.prisma));
    // A clock that stands still: once an echo is back, the cache answers from memory however
    // long a busy machine takes between two checks (the staleness bound has its own tests).
    listener = connectListener(
      db,
      { cache },
      { log: () => {}, clock: () => 0, backoff: { baseMs: 50, capMs: 200 } },
    );
    await listener.started;
    roleId = await createRole(db.sql, ["reports.read"]);
    userId = await createUser(db.sql);
    await grant(db.sql, userId, roleId);
    // The setup's own notifications must not land in the middle of a test.
    await listener.sync(10_000);
  });
  afterEach(() => listener.stop());

  const deps = (now = Date.now()): FreshnessDeps => ({
    mode: "cached",
    now,
    lifetimeSeconds: DEFAULT_SESSION_LIFETIME_SECONDS,
    stamps: cache,
    loadClaims: (id, at) => loadClaims(db.prisma, id, at),
  });

  async function signIn(): Promise<AuthToken> {
    const claims = await loadClaims(db.prisma, userId, Date.now());
    return withClaims({ authAt: Date.now() }, claims!);
  }

  const permissionsOf = (t: AuthToken) => unpackPermissions(t.perms, PERMISSIONS);

  /** Waits until the listener has heard of everything committed so far (its echo came back). */
  const settle = () => listener.sync(10_000);

  it("serves unchanged sessions from the cache and rebuilds after a raw SQL change", async () => {
    const token = await signIn();
    expect((await ensureFreshClaims(token, deps())).kind).toBe("current");
    expect((await ensureFreshClaims(token, deps())).kind).toBe("current");
    expect(cache.stats().hits).toBeGreaterThan(0);

    await db.sql.query(`INSERT INTO "RolePermission" ("roleId", permission) VALUES ($1, 'audit.read')`, [
      roleId,
    ]);
    await settle();
    const result = await ensureFreshClaims(token, deps());
    expect(result.kind).toBe("rebuilt");
    if (result.kind === "rebuilt")
      expect(permissionsOf(result.token)).toEqual(["reports.read", "audit.read"]);
  });

  it("a revoked grant is never answered from a stale cache entry", async () => {
    const token = await signIn();
    await ensureFreshClaims(token, deps()); // cached now
    await db.sql.query(`DELETE FROM "UserRole" WHERE "userId" = $1`, [userId]);
    await settle();
    const result = await ensureFreshClaims(token, deps());
    expect(result.kind === "rebuilt" && permissionsOf(result.token)).toEqual([]);
  });

  it("a time-bound grant stops counting at its expiry, with no database write", async () => {
    const timed = await createRole(db.sql, ["audit.read"]);
    const expiresAt = Date.now() + 60_000;
    await grant(db.sql, userId, timed, new Date(expiresAt));
    const token = await signIn();
    expect(token.grantExp).toBe(expiresAt);
    expect(permissionsOf(token)).toContain("audit.read");
    expect((await ensureFreshClaims(token, deps(expiresAt - 1))).kind).toBe("current");
    const after = await ensureFreshClaims(token, deps(expiresAt));
    expect(after.kind).toBe("rebuilt");
    if (after.kind === "rebuilt") {
      expect(permissionsOf(after.token)).toEqual(["reports.read"]);
      expect(after.token.grantExp).toBeNull();
      // Nothing was written: the stamp stays, only the claims changed.
      expect(permissionsUpdatedAtOf(after.token)).toBe(permissionsUpdatedAtOf(token));
    }
  });

  /** The user's stamp in the database now (ms). */
  const stampNow = async (id = userId) => (await stampsOf(db.sql, [id]))[0]!;

  it("a token whose stamp is newer than the database's is rebuilt from the database, not kept", async () => {
    const token = await signIn();
    // The same session as built from other data (another deployment's database, or this one
    // before a restore from backup): a later stamp than the database holds, and every permission.
    const every = packPermissions(PERMISSIONS, PERMISSIONS);
    const other: AuthToken = { ...token, permsAt: token.permsAt + 60_000, perms: every, gperms: every };
    expect(permissionsUpdatedAtOf(other)).toBeGreaterThan(await stampNow());
    const result = await ensureFreshClaims(other, deps());
    expect(result.kind).toBe("rebuilt");
    if (result.kind !== "rebuilt") return;
    expect(permissionsOf(result.token)).toEqual(["reports.read"]);
    expect(permissionsUpdatedAtOf(result.token)).toBe(await stampNow());
  });

  /**
   * A stamp cache of its own over the real database, fed by a listener of its
   * own whose clock stands still: once an echo is back, memory answers
   * whatever the machine's load (the staleness bound is not under test here).
   */
  async function steadyCache(source: StampSource = databaseStamps(db.prisma)) {
    const own = new StampCache(source);
    const ownListener = connectListener(
      db,
      { cache: own },
      { log: () => {}, clock: () => 0, backoff: { baseMs: 50, capMs: 200 } },
    );
    await ownListener.started;
    await ownListener.sync(10_000);
    return { cache: own, listener: ownListener };
  }

  it("a broadcast '*' makes the live cache read every stamp it holds anew", async () => {
    const bystander = await createUser(db.sql); // holds no role at all
    const steady = await steadyCache();
    try {
      const check = (token: AuthToken) => ensureFreshClaims(token, { ...deps(), stamps: steady.cache });
      const claimsOf = async (id: string) =>
        withClaims({ authAt: Date.now() }, (await loadClaims(db.prisma, id, Date.now()))!);
      const tokens = [await signIn(), await claimsOf(bystander)];
      for (const token of tokens) expect((await check(token)).kind).toBe("current");
      for (const token of tokens) expect((await check(token)).kind).toBe("current");
      expect(steady.cache.stats()).toMatchObject({ size: 2, misses: 2, hits: 2 });

      // TRUNCATE moves every user's stamp and announces '*' alone, never an id.
      await db.sql.exec(`TRUNCATE "Membership"`);
      await steady.listener.sync(10_000);
      for (const token of tokens) {
        const result = await check(token);
        expect(result.kind, token.sub).toBe("rebuilt");
        if (result.kind === "rebuilt")
          expect(permissionsUpdatedAtOf(result.token)).toBe(await stampNow(token.sub));
      }
      expect(steady.cache.stats()).toMatchObject({ misses: 4, hits: 2 });
    } finally {
      await steady.listener.stop();
    }
  });

  it("a stamp read that overlapped a change's announcement is answered, but never kept", async () => {
    // The cache's database reads can be held after the query has answered, before the cache gets the value.
    const database = databaseStamps(db.prisma);
    let gate: { reached(): void; released: Promise<void> } | null = null;
    const steady = await steadyCache({
      async read(id) {
        const stamp = await database.read(id);
        if (gate) {
          gate.reached();
          await gate.released;
        }
        return stamp;
      },
    });
    try {
      const before = await stampNow();
      let release!: () => void;
      const reached = new Promise<void>((resolve) => {
        gate = { reached: resolve, released: new Promise<void>((done) => (release = done)) };
      });
      const slow = steady.cache.read(userId);
      await reached; // the old stamp is read, not yet in the cache
      gate = null;
      await db.sql.query(`INSERT INTO "RolePermission" ("roleId", permission) VALUES ($1, 'audit.read')`, [
        roleId,
      ]);
      await steady.listener.sync(10_000); // the change is announced to this cache meanwhile
      release();
      expect(await slow, "answered with what was true when read").toBe(before);
      const after = await stampNow();
      expect(after).toBeGreaterThan(before);
      expect(await steady.cache.read(userId), "the overlapping read was not kept").toBe(after);
      expect(await steady.cache.read(userId)).toBe(after);
      expect(steady.cache.stats()).toMatchObject({ misses: 2, hits: 1 });
    } finally {
      await steady.listener.stop();
    }
  });

  it("sign out everywhere and disable refuse existing sessions", async () => {
    const token = await signIn();
    await db.sql.query(`UPDATE "User" SET "sessionsRevokedAt" = now() WHERE id = $1`, [userId]);
    await settle();
    expect(await ensureFreshClaims(token, deps())).toEqual({
      kind: "refused",
      reason: "session was revoked",
    });
    const newSession = await signIn();
    expect((await ensureFreshClaims(newSession, deps())).kind).toBe("current");
    await db.sql.query(`UPDATE "User" SET "disabledAt" = now() WHERE id = $1`, [userId]);
    await settle();
    expect(await ensureFreshClaims(newSession, deps())).toEqual({
      kind: "refused",
      reason: "user is disabled",
    });
  });

  it("no change is lost when writes run concurrently with rebuilds", async () => {
    let token = await signIn();
    const stop = { done: false };
    const checker = (async () => {
      while (!stop.done) {
        const r = await ensureFreshClaims(token, deps());
        if (r.kind === "rebuilt") token = r.token;
        // A cache hit resolves without I/O: yield so the writer (and PGlite) can run.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (let i = 0; i < 40; i++) {
      const sql =
        i % 2 === 0
          ? `INSERT INTO "RolePermission" ("roleId", permission) VALUES ($1, 'users.read')`
          : `DELETE FROM "RolePermission" WHERE "roleId" = $1 AND permission = 'users.read'`;
      await db.sql.query(sql, [roleId]);
    }
    // Final state: users.read granted? 40 writes end with a delete.
    await db.sql.query(`INSERT INTO "RolePermission" ("roleId", permission) VALUES ($1, 'roles.manage')`, [
      roleId,
    ]);
    stop.done = true;
    await checker;
    await settle();
    const final = await ensureFreshClaims(token, deps());
    const claims = final.kind === "refused" ? null : final.token;
    expect(permissionsOf(claims!)).toEqual(["reports.read", "roles.manage"]);
  });
});
