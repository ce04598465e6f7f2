// Issue 21, point 4: "Forgot password?" through the real actions, the real
// data layer and the dev mailbox, on both databases. The visitor's answer is
// the same for every address; the link arrives in the dev mailbox and works
// once, for 30 minutes, and only the newest one works; using it ends every
// session of the account (browser and token, through the database's trigger
// and the live claims), and only the new password signs in afterwards; and
// every request counts against the sign-in limits, per account and per address.
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { IDLE } from "@/lib/actions/state";
import { encodeSessionToken } from "@/lib/auth/session-cookie";
import { env } from "@/lib/env";
import { settleChanges } from "@/lib/live/instance";
import { readDevMailbox } from "@/lib/mail/dev-mailbox";
import { hashPassword } from "@/lib/security/password";
import { findResetToken, requestPasswordReset, resetPassword } from "@/lib/sign-in/password-reset";
import { COMMON_PASSWORD } from "@/lib/validations/auth";
import { setAppDatabase } from "../support/app-database";
import { formData, jwt, live, post, resetInstance, sendCookie, URL_BASE } from "../support/session-harness";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { newId } from "../support/fixtures";

// after() runs the mailing once the response is out; here the test awaits it.
const deferred = vi.hoisted(() => [] as Promise<unknown>[]);
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (work: () => Promise<unknown>) => void deferred.push(work()),
}));
vi.mock("next/headers", async () => (await import("../support/session-harness")).headersMock);
vi.mock("next/cache", async () => (await import("../support/session-harness")).nextCacheMock);

const { requestPasswordReset: requestAction } = await import("@/app/(auth)/forgot-password/actions");
const { resetPassword: resetAction } = await import("@/app/(auth)/reset-password/[token]/actions");
const { freshSessionOf } = await import("@/lib/auth/fresh-session");
const { attemptSignIn } = await import("@/lib/sign-in/attempt");
const { POST: postTokens } = await import("@/app/api/tokens/route");
const { POST: postRefresh } = await import("@/app/api/tokens/refresh/route");
const { GET: getPermissions } = await import("@/app/api/me/permissions/route");
const { forgetSigningKey } = await import("@/lib/sessions/signing-keys");

const PASSWORD = "the old password, long";
const NEW_PASSWORD = "a fresh password, longer";
const HOST = new URL(URL_BASE).host;
const LIMITS = { account: 5, address: 50, windowMs: 15 * 60_000 };
const SAME_ANSWER = /^If an account exists for that address, we sent a link to it\./;
const LINK = new RegExp(`${URL_BASE}/reset-password/([A-Za-z0-9_-]{43})`);
const MINUTE = 60_000;

/** The delivery that after() scheduled, finished. */
const delivered = async () => void (await Promise.all(deferred.splice(0)));

await describeOnBackends("password reset by mail", (backend) => {
  let db: TestDatabase;
  let passwordHash: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    setAppDatabase(db);
    forgetSigningKey();
    passwordHash = await hashPassword(PASSWORD);
  });
  beforeEach(() => {
    sendCookie(null);
    live.headers = { host: HOST };
  });
  afterAll(async () => {
    forgetSigningKey();
    await resetInstance();
    await db?.dispose();
  });

  async function user(): Promise<{ id: string; email: string }> {
    const id = newId("reset");
    const email = `${id.toLowerCase()}@example.test`;
    await db.sql.query(`INSERT INTO "User" (id, email, name, "passwordHash") VALUES ($1, $2, $3, $4)`, [
      id,
      email,
      "Forgetful",
      passwordHash,
    ]);
    return { id, email };
  }

  const mailTo = (email: string) => readDevMailbox(db.prisma, { to: email });

  /** "Forgot password?" as the page posts it, with the mailing awaited. */
  async function ask(email: string) {
    const state = await requestAction(IDLE, formData({ email }));
    await delivered();
    return state;
  }

  /** The token of the newest link mailed to `email`. */
  async function newestToken(email: string): Promise<string> {
    const [mail] = await mailTo(email);
    const token = mail && LINK.exec(mail.text)?.[1];
    if (!token) throw new Error(`no reset link mailed to ${email}`);
    return token;
  }

  /** The reset form's post: a redirect to sign-in on success, else the form's state. */
  async function reset(token: string, password = NEW_PASSWORD, confirm = password) {
    try {
      return await resetAction(IDLE, formData({ token, newPassword: password, confirmPassword: confirm }));
    } catch (error) {
      const digest = String((error as { digest?: string }).digest);
      if (digest.startsWith("NEXT_REDIRECT")) return { status: "redirect", to: digest.split(";")[2] };
      throw error;
    }
  }

  const signsIn = async (email: string, password: string) =>
    (await attemptSignIn({ prisma: db.prisma, limits: LIMITS }, { email, password }, null)).kind;
  const hashOf = async (id: string) =>
    (await db.prisma.user.findUniqueOrThrow({ where: { id } })).passwordHash;
  const failuresOf = async (key: string) =>
    (
      await db.sql.query<{ failures: number }>(`SELECT failures FROM "SignInLimit" WHERE key = $1`, [key])
    ).map((r) => r.failures);

  it("the answer is the same for a known and an unknown address; only the account's owner gets mail", async () => {
    const known = await user();
    const unknown = `${newId("nobody").toLowerCase()}@example.test`;
    const [forKnown, forUnknown] = [await ask(known.email), await ask(unknown)];
    expect(forKnown).toEqual({ status: "success", message: expect.stringMatching(SAME_ANSWER) });
    expect(forUnknown).toEqual(forKnown);
    expect(await mailTo(known.email)).toHaveLength(1);
    expect(await mailTo(unknown)).toHaveLength(0);
    // Both count as a failed sign-in of their address, existing or not.
    expect(await failuresOf(`account:${known.email}`)).toEqual([1]);
    expect(await failuresOf(`account:${unknown}`)).toEqual([1]);
    // A disabled account is told the same, and gets nothing.
    const disabled = await user();
    await db.sql.query(`UPDATE "User" SET "disabledAt" = now() WHERE id = $1`, [disabled.id]);
    expect(await ask(disabled.email)).toEqual(forKnown);
    expect(await mailTo(disabled.email)).toHaveLength(0);
  });

  it("the mail lands in the dev mailbox with a link to this server that opens the account's reset form", async () => {
    const client = await user();
    await ask(client.email.toUpperCase()); // the address is normalised, as at sign-in
    const [mail] = await mailTo(client.email);
    expect(mail?.subject).toBe("Reset your Live Authz password");
    expect(mail?.text).toMatch(LINK);
    expect(mail?.text).toContain("30 minutes");
    const token = await newestToken(client.email);
    // Only the hash is stored: the token itself appears nowhere in the database.
    const stored = await db.sql.query<{ tokenHash: string }>(
      `SELECT "tokenHash" FROM "PasswordResetToken" WHERE "userId" = $1`,
      [client.id],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.tokenHash).not.toContain(token);
    expect(await findResetToken(db.prisma, token, Date.now())).toEqual({
      userId: client.id,
      email: client.email,
    });
    expect(await reset(token)).toEqual({ status: "redirect", to: "/sign-in?reset=done" });
    expect(await signsIn(client.email, NEW_PASSWORD)).toBe("signed-in");
  });

  it("a link works once; a used, unknown or malformed one changes nothing", async () => {
    const client = await user();
    await ask(client.email);
    const token = await newestToken(client.email);
    expect((await reset(token)).status).toBe("redirect");
    const hash = await hashOf(client.id);

    const again = await reset(token, "yet another password");
    expect(again).toEqual({ status: "error", message: expect.stringMatching(/already used/) });
    expect(await hashOf(client.id)).toBe(hash);
    const unknown = await reset("A".repeat(43));
    expect(unknown).toEqual(again);
    const malformed = await reset("not-a-token");
    expect(malformed.status).toBe("error");
    expect((malformed as { fieldErrors?: object }).fieldErrors).toEqual({
      token: ["This link is not valid"],
    });
    expect(await hashOf(client.id)).toBe(hash);
  });

  it("a link expires after 30 minutes, and a new request kills the older links", async () => {
    const client = await user();
    const at = Date.now();
    const deps = (now: number) => ({ prisma: db.prisma, limits: LIMITS, now: () => now });
    const first = await requestPasswordReset(deps(at), client.email, null, URL_BASE);
    expect(first.kind).toBe("accepted");
    if (first.kind === "accepted") await first.deliver();
    const older = await newestToken(client.email);
    expect(await findResetToken(db.prisma, older, at + 29 * MINUTE)).not.toBeNull();
    expect(await findResetToken(db.prisma, older, at + 30 * MINUTE)).toBeNull();
    expect((await resetPassword(deps(at + 30 * MINUTE), older, NEW_PASSWORD)).kind).toBe("invalid");

    const second = await requestPasswordReset(deps(at + MINUTE), client.email, null, URL_BASE);
    if (second.kind === "accepted") await second.deliver();
    const newer = await newestToken(client.email);
    expect(newer).not.toBe(older);
    expect(await findResetToken(db.prisma, older, at + MINUTE)).toBeNull();
    expect((await reset(older)).status, "the older link").toBe("error");
    expect(await hashOf(client.id)).toBe(passwordHash);
    expect((await reset(newer)).status, "the newest link").toBe("redirect");
  });

  it("too short, too common or two different passwords: a field error, and the link still works", async () => {
    const client = await user();
    await ask(client.email);
    const token = await newestToken(client.email);
    const short = await reset(token, "short");
    expect((short as { fieldErrors?: object }).fieldErrors).toEqual({
      newPassword: ["Use at least 8 characters"],
    });
    const common = await reset(token, "Password123");
    expect((common as { fieldErrors?: object }).fieldErrors).toEqual({ newPassword: [COMMON_PASSWORD] });
    const differ = await reset(token, NEW_PASSWORD, `${NEW_PASSWORD}!`);
    expect((differ as { fieldErrors?: object }).fieldErrors).toEqual({
      confirmPassword: ["The two new passwords differ"],
    });
    expect(JSON.stringify([short, common, differ]), "no password comes back").not.toMatch(
      /short|Password123|fresh/,
    );
    expect(await hashOf(client.id)).toBe(passwordHash);
    expect((await reset(token)).status).toBe("redirect");
  });

  it("a reset ends every session of the account, browser and token; only the new password signs in; audited", async () => {
    const [client, other] = [await user(), await user()];
    const held = await signedInEverywhere(client);
    const others = await signedInEverywhere(other);
    await ask(client.email);
    expect((await reset(await newestToken(client.email))).status).toBe("redirect");
    await settleChanges();

    expect(await freshSessionOf(held.cookie), "the browser session made before").toBeNull();
    const called = await callApi(held.pair.accessToken);
    expect(called.status, "the access token").toBe(401);
    expect(await called.json()).toEqual({ error: "session_ended" });
    const refreshed = await postRefresh(
      post("/api/tokens/refresh", { refreshToken: held.pair.refreshToken }),
    );
    expect(await refreshed.json(), "the refresh token").toEqual({ error: "session_ended" });
    const rows = await db.prisma.session.findMany({ where: { userId: client.id } });
    expect(rows.map((r) => r.endReason)).toEqual(["revoked", "revoked"]);
    expect(await freshSessionOf(others.cookie), "another user's session").not.toBeNull();

    expect(await signsIn(client.email, PASSWORD)).toBe("refused");
    expect(await signsIn(client.email, NEW_PASSWORD)).toBe("signed-in");
    const audit = await db.prisma.auditEvent.findMany({ where: { userId: client.id } });
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([["user.password.reset", client.id]]);
    expect([audit[0]!.before, audit[0]!.after], "no password, hash or token is recorded").toEqual([
      null,
      null,
    ]);
  });

  it("requests count against the sign-in limits: per account (known or not) and per client address", async () => {
    const client = await user();
    for (let i = 0; i < LIMITS.account; i++)
      expect(await ask(client.email)).toMatchObject({ status: "success" });
    const limited = await ask(client.email);
    expect(limited).toEqual({ status: "error", message: expect.stringMatching(/Too many attempts/) });
    expect(await mailTo(client.email), "no mail past the limit").toHaveLength(LIMITS.account);
    // The same counts as sign-in: the account is locked there too, and an unknown address alike.
    expect(await signsIn(client.email, PASSWORD)).toBe("limited");
    const nobody = `${newId("nobody").toLowerCase()}@example.test`;
    for (let i = 0; i < LIMITS.account; i++) await ask(nobody);
    expect(await ask(nobody)).toEqual(limited);

    // Whoever holds the mailbox can still get in: the newest link works, and lifts the account's lock.
    expect((await reset(await newestToken(client.email))).status).toBe("redirect");
    expect(await signsIn(client.email, NEW_PASSWORD)).toBe("signed-in");

    // Per address: many addresses from one client stop at the address's limit.
    const address = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    const strict = { prisma: db.prisma, limits: { ...LIMITS, address: 3 } };
    const kinds = [];
    for (let i = 0; i < 4; i++) {
      const email = `${newId("spray").toLowerCase()}@example.test`;
      kinds.push((await requestPasswordReset(strict, email, address, URL_BASE)).kind);
    }
    expect(kinds).toEqual(["accepted", "accepted", "accepted", "limited"]);
  });

  /** A browser sign-in through next-auth's jwt callback (a registry row) and a token pair, both working now. */
  async function signedInEverywhere(client: { id: string; email: string }) {
    const token = await jwt({ token: { sub: client.id }, user: { id: client.id } });
    const cookie = (await encodeSessionToken(token, env().authSecret)).value;
    const response = await postTokens(post("/api/tokens", { email: client.email, password: PASSWORD }));
    expect(response.status).toBe(200);
    const pair = (await response.json()) as { accessToken: string; refreshToken: string };
    expect(await freshSessionOf(cookie)).not.toBeNull();
    expect((await callApi(pair.accessToken)).status).toBe(200);
    return { cookie, pair };
  }

  function callApi(accessToken: string) {
    return getPermissions(
      new Request(`${URL_BASE}/api/me/permissions`, { headers: { authorization: `Bearer ${accessToken}` } }),
      {},
    );
  }
});
