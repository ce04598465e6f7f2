// Issue 19, point 7: a password change ends the user's sessions, whoever
// writes it. In SQL: every cookie and token session of that user is refused on
// its next check, on an instance that had the user's stamp cached, and its
// refresh tokens are dead; other users go on. In the app (the home page's
// action, with the real data layer and a real session cookie): the current
// password is checked under the sign-in limits, the new one must be long
// enough, and a change ends every other session of the user, browser and
// token, while the one that made it stays signed in.
import bcryptjs from "bcryptjs";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { IDLE } from "@/lib/actions/state";
import { encodeSessionToken } from "@/lib/auth/session-cookie";
import { env } from "@/lib/env";
import { settleChanges } from "@/lib/live/instance";
import { hashPassword } from "@/lib/security/password";
import { setAppDatabase } from "../support/app-database";
import { formData, jwt, live, post, resetInstance, sendCookie, URL_BASE } from "../support/session-harness";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { newId } from "../support/fixtures";

vi.mock("next/headers", async () => (await import("../support/session-harness")).headersMock);
vi.mock("next/cache", async () => (await import("../support/session-harness")).nextCacheMock);

const { freshSessionOf } = await import("@/lib/auth/fresh-session");
const { attemptSignIn } = await import("@/lib/sign-in/attempt");
const { POST: postTokens } = await import("@/app/api/tokens/route");
const { POST: postRefresh } = await import("@/app/api/tokens/refresh/route");
const { GET: getPermissions } = await import("@/app/api/me/permissions/route");
const { forgetSigningKey } = await import("@/lib/sessions/signing-keys");
const { changePassword } = await import("@/app/(app)/profile/actions");

const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "a whole new password";
const LIMITS = { account: 5, address: 50, windowMs: 15 * 60_000 };

type Pair = { accessToken: string; refreshToken: string };
type Client = { id: string; email: string };

await describeOnBackends("a password change ends the user's sessions", (backend) => {
  let db: TestDatabase;
  let passwordHash: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    setAppDatabase(db);
    forgetSigningKey();
    passwordHash = await hashPassword(PASSWORD);
  });
  beforeEach(() => sendCookie(null));
  afterAll(async () => {
    forgetSigningKey();
    await resetInstance();
    await db?.dispose();
  });

  async function user(hash = passwordHash): Promise<Client> {
    const id = newId("pw");
    const email = `${id.toLowerCase()}@example.test`;
    await db.sql.query(`INSERT INTO "User" (id, email, name, "passwordHash") VALUES ($1, $2, $3, $4)`, [
      id,
      email,
      "Changer",
      hash,
    ]);
    return { id, email };
  }

  /** A browser sign-in through next-auth's jwt callback (a registry row), and its cookie. */
  async function browser(userId: string): Promise<string> {
    const token = await jwt({ token: { sub: userId }, user: { id: userId } });
    return (await encodeSessionToken(token, env().authSecret)).value;
  }

  async function tokens(email: string, password = PASSWORD): Promise<Pair> {
    const response = await postTokens(post("/api/tokens", { email, password }));
    expect(response.status).toBe(200);
    return (await response.json()) as Pair;
  }

  const call = (accessToken: string) =>
    getPermissions(
      new Request(`${URL_BASE}/api/me/permissions`, { headers: { authorization: `Bearer ${accessToken}` } }),
      {},
    );
  const refresh = (refreshToken: string) => postRefresh(post("/api/tokens/refresh", { refreshToken }));

  /** Everything one user holds: a browser session, a token session; all working now (stamps cached). */
  async function signedInEverywhere(client: Client) {
    const cookie = await browser(client.id);
    const pair = await tokens(client.email);
    expect(await freshSessionOf(cookie)).not.toBeNull();
    expect((await call(pair.accessToken)).status).toBe(200);
    return { cookie, pair };
  }

  async function expectEnded({ cookie, pair }: { cookie: string; pair: Pair }, what: string) {
    expect(await freshSessionOf(cookie), `${what}: the cookie`).toBeNull();
    const called = await call(pair.accessToken);
    expect(called.status, `${what}: the access token`).toBe(401);
    expect(await called.json()).toEqual({ error: "session_ended" });
    expect(await (await refresh(pair.refreshToken)).json(), `${what}: the refresh token`).toEqual({
      error: "session_ended",
    });
  }

  async function expectWorking({ cookie, pair }: { cookie: string; pair: Pair }, what: string) {
    expect(await freshSessionOf(cookie), `${what}: the cookie`).not.toBeNull();
    expect((await call(pair.accessToken)).status, `${what}: the access token`).toBe(200);
  }

  const signsIn = async (email: string, password: string) =>
    (await attemptSignIn({ prisma: db.prisma, limits: LIMITS }, { email, password }, null)).kind;

  it("a password changed in SQL ends every cookie and token session of that user, and no one else's", async () => {
    const [changed, other] = [await user(), await user()];
    const held = await signedInEverywhere(changed);
    const others = await signedInEverywhere(other);

    await db.sql.query(`UPDATE "User" SET "passwordHash" = $2 WHERE id = $1`, [
      changed.id,
      await hashPassword(NEW_PASSWORD),
    ]);
    await settleChanges();
    await expectEnded(held, "the changed user");
    await expectWorking(others, "another user");
    const rows = await db.prisma.session.findMany({ where: { userId: changed.id } });
    expect(rows.map((r) => r.endReason)).toEqual(["revoked", "revoked"]);
    // A new sign-in, with the new password only, works.
    expect(await signsIn(changed.email, PASSWORD)).toBe("refused");
    await expectWorking(await signedInEverywhereWith(changed, NEW_PASSWORD), "a new sign-in");
  });

  async function signedInEverywhereWith(client: Client, password: string) {
    const cookie = await browser(client.id);
    return { cookie, pair: await tokens(client.email, password) };
  }

  it("the same hash written again, and a stronger hash of the same password at sign-in, end nothing", async () => {
    const legacy = bcryptjs.hashSync(PASSWORD, 4);
    const client = await user(legacy);
    const held = await signedInEverywhere(client);
    await db.sql.query(`UPDATE "User" SET "passwordHash" = "passwordHash", name = 'Renamed' WHERE id = $1`, [
      client.id,
    ]);
    // This sign-in rewrites the hash at the current cost: the same password, not a change.
    expect(await signsIn(client.email, PASSWORD)).toBe("signed-in");
    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: client.id } });
    expect(row.passwordHash).not.toBe(legacy);
    expect(row.sessionsRevokedAt).toBeNull();
    await settleChanges();
    await expectWorking(held, "after a rehash");
  });

  it("change password: a wrong current password is refused and counted like a failed sign-in", async () => {
    const client = await user();
    sendCookie(await browser(client.id));
    const result = await changePassword(
      IDLE,
      formData({ currentPassword: "not it", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    );
    expect(result).toEqual({
      status: "error",
      message: expect.any(String),
      fieldErrors: { currentPassword: ["That is not your current password"] },
    });
    const counted = await db.sql.query<{ failures: number }>(
      `SELECT failures FROM "SignInLimit" WHERE key = $1`,
      [`account:${client.email}`],
    );
    expect(counted.map((r) => r.failures)).toEqual([1]);
    expect(await signsIn(client.email, PASSWORD), "the password is unchanged").toBe("signed-in");

    // Five wrong guesses in a row lock the account: now even the right one is refused, here and at sign-in.
    for (let i = 0; i < 5; i++)
      await changePassword(
        IDLE,
        formData({ currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
      );
    const limited = await changePassword(
      IDLE,
      formData({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    );
    expect(limited.status).toBe("error");
    expect(limited.message).toMatch(/Too many/i);
    expect(await signsIn(client.email, PASSWORD)).toBe("limited");
    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: client.id } });
    expect(row.passwordHash).toBe(passwordHash);
    expect(row.sessionsRevokedAt).toBeNull();
  });

  it("change password: too short, or two different new passwords, is a field error and changes nothing", async () => {
    const client = await user();
    sendCookie(await browser(client.id));
    const short = await changePassword(
      IDLE,
      formData({ currentPassword: PASSWORD, newPassword: "short", confirmPassword: "short" }),
    );
    expect(short.status).toBe("error");
    expect(short.fieldErrors?.newPassword).toEqual(["Use at least 8 characters"]);
    const differ = await changePassword(
      IDLE,
      formData({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` }),
    );
    expect(differ.fieldErrors?.confirmPassword).toEqual(["The two new passwords differ"]);
    expect(JSON.stringify([short, differ]), "no password comes back").not.toMatch(/short|whole new/);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: client.id } })).passwordHash).toBe(
      passwordHash,
    );
    expect(await db.prisma.signInLimit.count({ where: { key: `account:${client.email}` } })).toBe(0);
  });

  it("change password: every other session ends, browser and token; this one goes on; only the new password signs in", async () => {
    const [client, other] = [await user(), await user()];
    const here = await browser(client.id);
    const elsewhere = await signedInEverywhere(client);
    const others = await signedInEverywhere(other);
    sendCookie(here);
    const before = await freshSessionOf(here);

    const result = await changePassword(
      IDLE,
      formData({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    );
    expect(result).toEqual({ status: "success", message: expect.any(String) });
    expect(JSON.stringify(result)).not.toContain(NEW_PASSWORD);

    // The action re-issued this browser's cookie: a new sign-in after the revocation.
    expect(live.cookie).not.toBe(here);
    const now = await freshSessionOf(live.cookie!);
    expect(now, "this session goes on").not.toBeNull();
    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: client.id } });
    expect(now!.authAt).toBeGreaterThan(row.sessionsRevokedAt!.getTime());
    expect(now!.sid).not.toBe(before!.sid);
    const active = await db.prisma.session.findMany({ where: { userId: client.id, endedAt: null } });
    expect(active.map((s) => s.id)).toEqual([now!.sid]);

    await expectEnded(elsewhere, "another device");
    expect(await freshSessionOf(here), "a copy of the old cookie").toBeNull();
    await expectWorking(others, "another user");
    expect(await signsIn(client.email, PASSWORD)).toBe("refused");
    expect(await signsIn(client.email, NEW_PASSWORD)).toBe("signed-in");

    const audit = await db.prisma.auditEvent.findMany({ where: { userId: client.id } });
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([["user.password.changed", client.id]]);
    expect([audit[0]!.before, audit[0]!.after], "no password or hash is recorded").toEqual([null, null]);
  });

  it("change password: a session that has already ended changes nothing", async () => {
    const client = await user();
    const cookie = await browser(client.id);
    sendCookie(cookie);
    await db.sql.query(`UPDATE "User" SET "sessionsRevokedAt" = now() WHERE id = $1`, [client.id]);
    await settleChanges();
    const result = await changePassword(
      IDLE,
      formData({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    );
    expect(result.status).toBe("error");
    expect(result.fieldErrors).toBeUndefined();
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: client.id } })).passwordHash).toBe(
      passwordHash,
    );
  });
});
