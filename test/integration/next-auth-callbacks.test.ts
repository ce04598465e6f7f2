// next-auth's jwt and session callbacks, which alone guard /api/auth/session
// (what useSession reads): the proxy skips api/auth. Real data layer and
// real database; the instance hears of each SQL change before the check
// (settleChanges, the same barrier an action uses), so the answers below are
// what the callback decides with the instance up to date.
import type { Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type AuthToken, permissionsUpdatedAtOf } from "@/lib/auth/token";
import { settleChanges } from "@/lib/live/instance";
import { setAppDatabase } from "../support/app-database";
import { createUserWithRoles } from "../support/admin";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { createRole, newId } from "../support/fixtures";
import { jwt, resetInstance, signIn } from "../support/session-harness";

const { authOptions, SessionRefusedError } = await import("@/lib/sign-in/next-auth");

type SessionCallback = (params: { session: Partial<Session>; token: JWT }) => Promise<Partial<Session>>;

const session = (token: JWT) =>
  (authOptions().callbacks!.session as unknown as SessionCallback)({
    session: { expires: "2099-01-01T00:00:00.000Z" },
    token,
  });

await describeOnBackends("next-auth callbacks", (backend) => {
  let db: TestDatabase;
  let readers: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    setAppDatabase(db);
    readers = await createRole(db.sql, ["reports.read", "reports.export"], "readers");
  });
  afterAll(async () => {
    await resetInstance();
    await db?.dispose();
  });

  async function reader(): Promise<{ id: string; email: string }> {
    const email = `${newId("reader")}@example.test`;
    const id = await createUserWithRoles(db, email, []);
    await db.sql.query(`INSERT INTO "UserRole" ("userId", "roleId") VALUES ($1, $2)`, [id, readers]);
    return { id, email };
  }

  it("at sign-in the token gets the claims read from the database", async () => {
    const user = await reader();
    const before = Date.now();
    const token = await jwt({
      token: { sub: user.id, email: user.email, picture: "kept" },
      user: { id: user.id },
    });
    // next-auth's own fields stay; ours are added.
    expect(token).toMatchObject({ sub: user.id, picture: "kept" });
    expect(token, "role names never travel in the token").not.toHaveProperty("roles");
    expect(token.authAt).toBeGreaterThanOrEqual(before);
    const shown = await session(token);
    expect(shown.permissions).toEqual(["reports.read", "reports.export"]);
    expect(shown.roles).toEqual([expect.stringMatching(/^readers_/)]);
  });

  it("a user deleted before the callback cannot sign in", async () => {
    const refused = jwt({ token: {}, user: { id: "no-such-user" } });
    await expect(refused).rejects.toBeInstanceOf(SessionRefusedError);
    await expect(refused).rejects.toThrow("session refused: user no longer exists");
  });

  it("after a permission is revoked in SQL, the session is rebuilt without it", async () => {
    const user = await reader();
    const { token } = await signIn(user.email);
    const own = await createRole(db.sql, ["audit.read"], "own");
    await db.sql.query(`INSERT INTO "UserRole" ("userId", "roleId") VALUES ($1, $2)`, [user.id, own]);
    await settleChanges();
    const granted = await jwt({ token });
    expect((await session(granted)).permissions).toEqual(["reports.read", "reports.export", "audit.read"]);

    await db.sql.query(`DELETE FROM "RolePermission" WHERE "roleId" = $1`, [own]);
    await settleChanges();
    const revoked = await jwt({ token: granted });
    expect(permissionsUpdatedAtOf(revoked as AuthToken)).toBeGreaterThan(
      permissionsUpdatedAtOf(granted as AuthToken),
    );
    expect((await session(revoked)).permissions).toEqual(["reports.read", "reports.export"]);
    expect((await session(revoked)).permissionsUpdatedAt).toBe(permissionsUpdatedAtOf(revoked as AuthToken));
  });

  it("after the user is disabled in SQL, the session is refused (next-auth drops it)", async () => {
    const user = await reader();
    const { token } = await signIn(user.email);
    expect((await jwt({ token })).sub).toBe(user.id);
    await db.sql.query(`UPDATE "User" SET "disabledAt" = now() WHERE id = $1`, [user.id]);
    await settleChanges();
    await expect(jwt({ token })).rejects.toThrow("session refused: user is disabled");
  });

  it("after sign out everywhere in SQL, older sessions are refused and a newer one goes on", async () => {
    const user = await reader();
    const { token } = await signIn(user.email);
    await db.sql.query(`UPDATE "User" SET "sessionsRevokedAt" = now() WHERE id = $1`, [user.id]);
    await settleChanges();
    await expect(jwt({ token })).rejects.toThrow("session refused: session was revoked");
    const later = await jwt({ token: { sub: user.id }, user: { id: user.id } });
    expect((await jwt({ token: later })).sub).toBe(user.id);
  });

  it("a token that does not carry our claims is refused; the session callback leaves such a token alone", async () => {
    await expect(jwt({ token: { sub: "someone" } })).rejects.toThrow("token does not carry our claims");
    expect(await session({ sub: "someone" })).toEqual({ expires: "2099-01-01T00:00:00.000Z" });
  });
});
