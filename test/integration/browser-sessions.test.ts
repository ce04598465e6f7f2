// Browser sessions in the registry: next-auth's jwt callback creates a row per
// sign-in and puts its id in the token; ending one row refuses that session's
// next check (the stamp moved, the rebuild sees the end) and no other; the
// browser's own sign-out ends its row. Real data layer and database.
import { afterAll, beforeAll, expect, it } from "vitest";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/session-cookie";
import type { AuthToken } from "@/lib/auth/token";
import { env } from "@/lib/env";
import { settleChanges } from "@/lib/live/instance";
import { setAppDatabase } from "../support/app-database";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { createUser } from "../support/fixtures";
import { jwt, resetInstance } from "../support/session-harness";

const { authOptions, SessionRefusedError } = await import("@/lib/sign-in/next-auth");
const { freshSessionOf } = await import("@/lib/auth/fresh-session");
const { endSession } = await import("@/lib/auth/session-registry");

await describeOnBackends("browser sessions in the registry", (backend) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    setAppDatabase(db);
  });
  afterAll(async () => {
    await resetInstance();
    await db?.dispose();
  });

  async function signIn(userId: string, userAgent: string): Promise<AuthToken> {
    return jwt({
      token: { sub: userId },
      user: { id: userId, sessionOrigin: { userAgent, clientAddress: "192.0.2.7" } },
    });
  }

  it("each sign-in gets its own row, and its id travels in the token", async () => {
    const userId = await createUser(db.sql, "browser");
    const laptop = await signIn(userId, "Laptop browser");
    const phone = await signIn(userId, "Phone browser");
    expect(laptop.sid).toEqual(expect.any(String));
    expect(phone.sid).not.toBe(laptop.sid);
    const rows = await db.prisma.session.findMany({ where: { userId }, orderBy: { userAgent: "asc" } });
    expect(rows.map((r) => [r.id, r.kind, r.userAgent, r.clientAddress, r.endedAt])).toEqual([
      [laptop.sid, "browser", "Laptop browser", "192.0.2.7", null],
      [phone.sid, "browser", "Phone browser", "192.0.2.7", null],
    ]);
    expect(rows[0]!.createdAt.getTime()).toBe(laptop.authAt);
  });

  it("ending one session refuses it on its next check and leaves the other signed in", async () => {
    const userId = await createUser(db.sql, "browser");
    const laptop = await signIn(userId, "Laptop");
    const phone = await signIn(userId, "Phone");
    const laptopCookie = (await encodeSessionToken(laptop, env().authSecret)).value;
    const phoneCookie = (await encodeSessionToken(phone, env().authSecret)).value;
    expect(await freshSessionOf(laptopCookie)).not.toBeNull();

    expect(await endSession(db.prisma, userId, laptop.sid!, "signed_out")).toBe(true);
    await settleChanges();
    expect(await freshSessionOf(laptopCookie), "the ended session").toBeNull();
    await expect(jwt({ token: laptop })).rejects.toBeInstanceOf(SessionRefusedError);
    const other = await freshSessionOf(phoneCookie);
    expect(other?.sid, "the other session goes on").toBe(phone.sid);
    expect((await jwt({ token: phone })).sid).toBe(phone.sid);
  });

  it("a cookie past the session's absolute lifetime is refused on a real database, while its own expiry still accepts it", async () => {
    const userId = await createUser(db.sql, "browser");
    const token = await signIn(userId, "Old laptop");
    const lifetimeMs = env().sessionLifetimeSeconds * 1000;
    /** The session's token as if signed in `ago` ms back, in the cookie issued at that sign-in. */
    const signedInAgo = async (ago: number) => {
      const authAt = Date.now() - ago;
      const cookie = (await encodeSessionToken({ ...token, authAt }, env().authSecret, authAt)).value;
      return { token: { ...token, authAt }, cookie };
    };
    const early = await signedInAgo(lifetimeMs - 60_000);
    expect(await freshSessionOf(early.cookie), "a minute before the end").not.toBeNull();

    // The lifetime ended 5 s ago; the cookie's exp (the same instant) is within the codec's clock
    // tolerance, so the codec still accepts it: only the freshness check can refuse it.
    const late = await signedInAgo(lifetimeMs + 5_000);
    expect(await decodeSessionToken(late.cookie, env().authSecret)).not.toBeNull();
    expect(await freshSessionOf(late.cookie)).toBeNull();
    await expect(jwt({ token: late.token })).rejects.toBeInstanceOf(SessionRefusedError);
  });

  it("a revocation ends every row that signed in at or before it, that very millisecond included", async () => {
    const userId = await createUser(db.sql, "browser");
    const at = Date.now() - 60_000;
    const rows = { before: at - 1, same: at, after: at + 1 };
    const ids = Object.fromEntries(Object.keys(rows).map((k) => [k, crypto.randomUUID()]));
    for (const [name, createdAt] of Object.entries(rows))
      await db.sql.query(
        `INSERT INTO "Session" (id, "userId", kind, "createdAt") VALUES ($1, $2, 'browser', $3)`,
        [ids[name], userId, new Date(createdAt)],
      );
    await db.sql.query(`UPDATE "User" SET "sessionsRevokedAt" = $2 WHERE id = $1`, [userId, new Date(at)]);
    const ended = async (name: string) => {
      const row = await db.prisma.session.findUniqueOrThrow({ where: { id: ids[name]! } });
      return [row.endedAt?.getTime() ?? null, row.endReason];
    };
    expect(await ended("before")).toEqual([at, "revoked"]);
    expect(await ended("same"), "created at the revocation's own instant").toEqual([at, "revoked"]);
    expect(await ended("after"), "signed in after the revocation").toEqual([null, null]);
  });

  it("next-auth's sign-out ends the browser's own row", async () => {
    const userId = await createUser(db.sql, "browser");
    const token = await signIn(userId, "Laptop");
    await authOptions().events!.signOut!({ token, session: undefined as never });
    const row = await db.prisma.session.findUniqueOrThrow({ where: { id: token.sid! } });
    expect(row.endReason).toBe("signed_out");
    expect(row.endedAt).not.toBeNull();
  });

  it("a row past the cap of active sessions ends the one seen least recently", async () => {
    const { MAX_SESSIONS_PER_USER } = await import("@/lib/auth/session-registry");
    const userId = await createUser(db.sql, "browser");
    const first = await signIn(userId, "first");
    for (let i = 1; i < MAX_SESSIONS_PER_USER; i++) await signIn(userId, `device ${i}`);
    expect(await db.prisma.session.count({ where: { userId, endedAt: null } })).toBe(MAX_SESSIONS_PER_USER);
    await signIn(userId, "one too many");
    expect(await db.prisma.session.count({ where: { userId, endedAt: null } })).toBe(MAX_SESSIONS_PER_USER);
    const oldest = await db.prisma.session.findUniqueOrThrow({ where: { id: first.sid! } });
    expect(oldest.endReason).toBe("replaced");
  });

  it("rows ended a week ago, or past the absolute lifetime, are swept; active ones stay", async () => {
    const { sweepOldSessions } = await import("@/lib/auth/session-registry");
    const userId = await createUser(db.sql, "browser");
    const active = await signIn(userId, "active");
    const insert = (id: string, createdAt: Date, endedAt: Date | null) =>
      db.sql.query(
        `INSERT INTO "Session" (id, "userId", kind, "createdAt", "endedAt") VALUES ($1, $2, 'browser', $3, $4)`,
        [id, userId, createdAt, endedAt],
      );
    const day = 86_400_000;
    await insert(crypto.randomUUID(), new Date(Date.now() - 9 * day), new Date(Date.now() - 8 * day));
    await insert(crypto.randomUUID(), new Date(Date.now() - 31 * day), null);
    const recentlyEnded = crypto.randomUUID();
    await insert(recentlyEnded, new Date(Date.now() - 2 * day), new Date(Date.now() - day));
    expect(await sweepOldSessions(db.prisma, Date.now())).toBeGreaterThanOrEqual(2);
    const left = (await db.prisma.session.findMany({ where: { userId } })).map((r) => r.id).sort();
    expect(left).toEqual([active.sid!, recentlyEnded].sort());
  });

  it("under load (1,000 checks of one session) lastSeenAt is written once, and the row says so", async () => {
    const { lastSeenFor } = await import("@/lib/auth/last-seen");
    const userId = await createUser(db.sql, "browser");
    const token = await signIn(userId, "busy");
    await db.sql.query(`UPDATE "Session" SET "lastSeenAt" = now() - interval '1 hour' WHERE id = $1`, [
      token.sid,
    ]);
    const cookie = (await encodeSessionToken(token, env().authSecret)).value;
    const tracker = lastSeenFor(db.prisma);
    const before = tracker.writes;
    await Promise.all(Array.from({ length: 1000 }, () => freshSessionOf(cookie)));
    expect(tracker.writes - before).toBe(1);
    const deadline = Date.now() + 5_000; // the write is not awaited by any request
    let seen = 0;
    while (Date.now() - seen > 60_000 && Date.now() < deadline) {
      seen = (await db.prisma.session.findUniqueOrThrow({ where: { id: token.sid! } })).lastSeenAt.getTime();
      if (Date.now() - seen > 60_000) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(Date.now() - seen).toBeLessThan(60_000);
  });
});
