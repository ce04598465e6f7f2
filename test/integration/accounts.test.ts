// Issue 21, points 2, 3 and 6, at the data layer on both databases: an
// invitation is mailed as a link whose token only its hash stores; the link
// lets an existing account (signed in under the address) join, or creates a
// new account and joins it in one transaction; it works once, expires and can
// be revoked, and never serves another address. Open sign-up creates an
// account, holding nothing, only once its mailed link is confirmed; the
// answer is the same for a taken address. A new name moves the user's stamp.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { ActionError } from "@/lib/actions/state";
import {
  acceptInvitationLink,
  createAccountFromInvitation,
  invitationByLink,
} from "@/lib/admin/invitation-links";
import { type InvitationMail, openInvitationsFor } from "@/lib/admin/invitations";
import { addMember, revokeInvitation } from "@/lib/admin/organization-changes";
import { updateOwnProfile } from "@/lib/admin/profile";
import { seedDemoData } from "@/lib/db/seed";
import { readDevMailbox } from "@/lib/mail/dev-mailbox";
import { hashLinkToken } from "@/lib/security/link-token";
import { attemptSignIn } from "@/lib/sign-in/attempt";
import { findSignUpRequest, finishSignUp, requestSignUp } from "@/lib/sign-in/sign-up";
import { actorFor, idOfRole, snapshotTables } from "../support/admin";
import { setAppDatabase } from "../support/app-database";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { newId } from "../support/fixtures";
import { live } from "../support/session-harness";

vi.mock("next/headers", async () => (await import("../support/session-harness")).headersMock);
// after() runs the mailing once the response is out; here the test awaits it.
const deferred = vi.hoisted(() => [] as Promise<unknown>[]);
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (work: () => Promise<unknown>) => void deferred.push(work()),
}));
// AUTH_SIGN_UP, switched per test; everything else as the environment says.
const signUpMode = vi.hoisted(() => ({ current: "open" as "invite" | "open" | "closed" }));
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), signUp: signUpMode.current }) };
});

const { mailInvitation } = await import("@/lib/sign-in/invitation-mail");
const { confirmSignUp, signUpLinkRequest, signUpUnavailable, startSignUp } =
  await import("@/lib/sign-in/sign-up-from-request");

const LIMITS = { account: 5, address: 50, windowMs: 15 * 60_000 };
const ORIGIN = "http://localhost:3000";
const PASSWORD = "a password of the newcomer";

await describeOnBackends("accounts: invitation links, sign-up, profile", (backend) => {
  let db: TestDatabase;
  let acme: string, viewer: string, orgAdminRole: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    setAppDatabase(db);
    await seedDemoData(db.prisma);
    acme = (await db.prisma.organization.findUniqueOrThrow({ where: { slug: "acme" } })).id;
    viewer = await idOfRole(db, "Viewer");
    orgAdminRole = (
      await db.prisma.role.create({
        data: { name: "Org Admin", permissions: { create: [{ permission: "members.manage" }] } },
      })
    ).id;
    const ann = await db.prisma.user.findUniqueOrThrow({ where: { email: "ann@acme.example.com" } });
    await db.prisma.membership.create({
      data: { userId: ann.id, organizationId: acme, roleId: orgAdminRole },
    });
  });
  afterAll(async () => {
    setAppDatabase(null);
    await db?.dispose();
  });

  const address = (what: string) => `${newId(what).toLowerCase()}@example.test`;
  /** The token of the newest sign-up link mailed to `email`. */
  async function signUpToken(email: string): Promise<string> {
    const [mail] = await readDevMailbox(db.prisma, { to: email });
    const token = mail && /\/sign-up\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    if (!token) throw new Error(`no sign-up link mailed to ${email}`);
    return token;
  }

  /** An organization admin invites `email`; returns the mail that would go out. */
  async function invite(email: string): Promise<InvitationMail> {
    const mails: InvitationMail[] = [];
    const ann = await actorFor(db, "ann@acme.example.com");
    const outcome = await addMember(
      db.prisma,
      ann,
      { organizationId: acme, email, roleId: viewer, expiresAt: null },
      async (mail) => void mails.push(mail),
    );
    expect(outcome.status).toBe("success");
    // The token goes to the mail only: the inviter's answer never carries it.
    expect(JSON.stringify(outcome)).not.toContain(mails[0]!.token);
    return mails[0]!;
  }

  const refusedAndUnchanged = async (change: () => Promise<unknown>, message: RegExp) => {
    const before = await snapshotTables(db.sql);
    await expect(change()).rejects.toThrow(ActionError);
    await expect(change()).rejects.toThrow(message);
    expect(await snapshotTables(db.sql)).toEqual(before);
  };

  const membershipsOf = async (email: string) =>
    db.prisma.membership.count({ where: { user: { email }, organizationId: acme } });

  it("a new person's link creates their account and joins it, once; only the token's hash is stored", async () => {
    const email = address("newcomer");
    const mail = await invite(email);
    expect(mail).toMatchObject({ email, organization: "Acme", role: "Viewer" });
    const row = await db.prisma.invitation.findFirstOrThrow({ where: { email } });
    expect(row.tokenHash).toBe(hashLinkToken(mail.token));
    expect(await invitationByLink(mail.token)).toMatchObject({ kind: "open", email, hasAccount: false });

    const created = await createAccountFromInvitation(
      db.prisma,
      { token: mail.token, name: "Newcomer", newPassword: PASSWORD },
      "invite",
    );
    expect(created.status).toBe("success");
    expect(await membershipsOf(email)).toBe(1);
    const signIn = await attemptSignIn(
      { prisma: db.prisma, limits: LIMITS },
      { email, password: PASSWORD },
      null,
    );
    expect(signIn.kind).toBe("signed-in");
    // Single use: the link is gone, for creating and for accepting.
    expect(await invitationByLink(mail.token)).toEqual({ kind: "gone" });
    await refusedAndUnchanged(
      () =>
        createAccountFromInvitation(
          db.prisma,
          { token: mail.token, name: "Again", newPassword: PASSWORD },
          "open",
        ),
      /no longer open/,
    );
    const audit = await db.prisma.auditEvent.findMany({
      where: {
        action: { in: ["user.created_from_invitation", "organization.invitation.accepted"] },
        actorEmail: email,
      },
    });
    expect(audit.map((a) => a.action).sort()).toEqual([
      "organization.invitation.accepted",
      "user.created_from_invitation",
    ]);
  });

  it("an address with an account accepts signed in under it, and no one else can; it never creates a second account", async () => {
    const email = address("existing");
    await db.prisma.user.create({ data: { email, name: "Existing", passwordHash: "x" } });
    const mail = await invite(email);
    expect(await invitationByLink(mail.token)).toMatchObject({ kind: "open", hasAccount: true });
    await refusedAndUnchanged(
      () =>
        createAccountFromInvitation(
          db.prisma,
          { token: mail.token, name: "Thief", newPassword: PASSWORD },
          "open",
        ),
      /already has an account/,
    );
    const gus = await actorFor(db, "gus@globex.example.com");
    await refusedAndUnchanged(() => acceptInvitationLink(db.prisma, gus, { token: mail.token }), /is for/);
    const owner = await actorFor(db, email);
    expect((await acceptInvitationLink(db.prisma, owner, { token: mail.token })).status).toBe("success");
    expect(await membershipsOf(email)).toBe(1);
    await refusedAndUnchanged(
      () => acceptInvitationLink(db.prisma, owner, { token: mail.token }),
      /no longer open/,
    );
  });

  it("expired, revoked and unknown links change nothing; closed sign-up creates no account from a link", async () => {
    const expired = await invite(address("late"));
    await db.prisma.invitation.update({
      where: { tokenHash: hashLinkToken(expired.token) },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    const attempt =
      (token: string, mode: "invite" | "open" | "closed" = "invite") =>
      () =>
        createAccountFromInvitation(db.prisma, { token, name: "Late", newPassword: PASSWORD }, mode);
    await refusedAndUnchanged(attempt(expired.token), /no longer open/);
    await refusedAndUnchanged(attempt("A".repeat(43)), /no longer open/);

    const revoked = await invite(address("revoked"));
    const ann = await actorFor(db, "ann@acme.example.com");
    const invitation = await db.prisma.invitation.findUniqueOrThrow({
      where: { tokenHash: hashLinkToken(revoked.token) },
    });
    // Only a manager of that organization revokes.
    const gus = await actorFor(db, "gus@globex.example.com");
    await refusedAndUnchanged(
      () => revokeInvitation(db.prisma, gus, { organizationId: acme, invitationId: invitation.id }),
      /./,
    );
    expect(
      (await revokeInvitation(db.prisma, ann, { organizationId: acme, invitationId: invitation.id })).status,
    ).toBe("success");
    await refusedAndUnchanged(attempt(revoked.token), /no longer open/);
    await refusedAndUnchanged(
      () => revokeInvitation(db.prisma, ann, { organizationId: acme, invitationId: invitation.id }),
      /no longer open/,
    );
    expect(
      await db.prisma.auditEvent.count({
        where: { action: "organization.invitation.revoked", targetId: acme },
      }),
    ).toBeGreaterThan(0);

    const closed = await invite(address("closed"));
    await refusedAndUnchanged(attempt(closed.token, "closed"), /does not take new accounts/);
  });

  it("the home page lists the open invitations to one's own address only; an unknown or expired link is gone", async () => {
    const email = address("listed");
    await db.prisma.user.create({ data: { email, name: "Listed", passwordHash: "x" } });
    const open = await invite(email);
    const late = await invite(email);
    await db.prisma.invitation.update({
      where: { tokenHash: hashLinkToken(late.token) },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    await invite(address("someone-else"));
    const listed = await openInvitationsFor({ email: email.toUpperCase() });
    expect(listed).toEqual([
      { id: expect.any(String), organization: "Acme", role: "Viewer", expiresAt: expect.any(Date) },
    ]);
    expect(await invitationByLink(late.token)).toEqual({ kind: "gone" });
    expect(await invitationByLink("A".repeat(43))).toEqual({ kind: "gone" });
    const owner = await actorFor(db, email);
    await refusedAndUnchanged(
      () => acceptInvitationLink(db.prisma, owner, { token: "A".repeat(43) }),
      /no longer open/,
    );
    await acceptInvitationLink(db.prisma, owner, { token: open.token });
    expect(await openInvitationsFor({ email })).toEqual([]);
  });

  it("the invitation's mail, sent after the response, carries the link on this server's origin, the inviter and the deadline", async () => {
    live.headers = { host: "localhost:3000" };
    const email = address("mailed");
    const mail = await invite(email);
    await mailInvitation(mail);
    await Promise.all(deferred.splice(0));
    const [sent] = await readDevMailbox(db.prisma, { to: email });
    expect(sent?.subject).toBe("You are invited to Acme on Live Authz");
    expect(sent?.text).toContain(`${mail.invitedBy} invites you to join Acme as Viewer.`);
    expect(sent?.text).toContain(`${ORIGIN}/invitations/${mail.token}`);
    expect(sent?.text).toContain(mail.expiresAt.toUTCString());
    expect(mail.invitedBy).toBe("ann@acme.example.com");
    // Where this server has no origin for links, nothing is mailed (and the log says so).
    live.headers = {};
    const unmailed = await invite(address("unmailed"));
    await mailInvitation(unmailed);
    expect(deferred).toEqual([]);
    expect(await readDevMailbox(db.prisma, { to: unmailed.email })).toEqual([]);
  });

  it("a platform admin invites an address without an account instead of refusing it", async () => {
    const mails: InvitationMail[] = [];
    const admin = await actorFor(db, "admin@example.com");
    const email = address("platform-invited");
    const outcome = await addMember(
      db.prisma,
      admin,
      { organizationId: acme, email, roleId: viewer, expiresAt: null },
      async (mail) => void mails.push(mail),
    );
    expect(outcome).toMatchObject({ status: "success", message: expect.stringMatching(/Invited/) });
    expect(mails.map((m) => m.email)).toEqual([email]);
  });

  it("open sign-up: the account exists only once the mailed link is confirmed, and holds nothing", async () => {
    const email = address("signup");
    const deps = { prisma: db.prisma, limits: LIMITS };
    const outcome = await requestSignUp(deps, { email, name: "Signer", password: PASSWORD }, null, ORIGIN);
    if (outcome.kind !== "accepted") throw new Error(outcome.kind);
    await outcome.deliver();
    expect(await db.prisma.user.count({ where: { email } })).toBe(0);
    const token = await signUpToken(email);
    expect(token).toBeDefined();
    // Only the hash and the password's hash are stored.
    const stored = await db.sql.query<{ tokenHash: string; passwordHash: string }>(
      `SELECT "tokenHash", "passwordHash" FROM "SignUpRequest" WHERE email = $1`,
      [email],
    );
    expect(stored).toEqual([
      { tokenHash: hashLinkToken(token), passwordHash: expect.stringMatching(/^\$2/) },
    ]);

    const created = await finishSignUp(deps, token);
    expect(created).toMatchObject({ kind: "created", email });
    const user = await db.prisma.user.findUniqueOrThrow({
      where: { email },
      include: { roles: true, memberships: true },
    });
    expect([user.name, user.roles, user.memberships]).toEqual(["Signer", [], []]);
    expect(
      await db.prisma.auditEvent.findMany({
        where: { userId: user.id },
        select: { action: true, actorId: true, targetLabel: true },
      }),
    ).toEqual([{ action: "user.signed_up", actorId: user.id, targetLabel: email }]);
    expect((await attemptSignIn(deps, { email, password: PASSWORD }, null)).kind).toBe("signed-in");
    // Once: the link is gone.
    expect(await finishSignUp(deps, token)).toEqual({ kind: "invalid" });
  });

  it("sign-up for a taken address mails its owner instead of a link; the answer and the counting are the same", async () => {
    const deps = { prisma: db.prisma, limits: LIMITS };
    const email = "viewer@example.com";
    const outcome = await requestSignUp(
      deps,
      { email, name: "Impostor", password: PASSWORD },
      "203.0.113.9",
      ORIGIN,
    );
    if (outcome.kind !== "accepted") throw new Error(outcome.kind);
    await outcome.deliver();
    const [mail] = await readDevMailbox(db.prisma, { to: email });
    expect(mail?.subject).toBe("You already have a Live Authz account");
    expect(mail?.text).not.toMatch(/\/sign-up\//);
    expect(mail?.text).toContain(
      `Sign in at ${ORIGIN}/sign-in, or choose a new password at ${ORIGIN}/forgot-password.`,
    );
    expect(await db.prisma.signUpRequest.count({ where: { email } })).toBe(0);
    const failures = await db.sql.query<{ key: string }>(
      `SELECT key FROM "SignInLimit" WHERE key IN ('account:viewer@example.com', 'address:203.0.113.9')`,
    );
    expect(failures.map((f) => f.key).sort()).toEqual(["account:viewer@example.com", "address:203.0.113.9"]);
  });

  it("a sign-up link expires, and one whose address got an account meanwhile creates nothing", async () => {
    const email = address("slow");
    const at = Date.now();
    const deps = (now: number) => ({ prisma: db.prisma, limits: LIMITS, now: () => now });
    const first = await requestSignUp(deps(at), { email, name: "Slow", password: PASSWORD }, null, ORIGIN);
    if (first.kind !== "accepted") throw new Error(first.kind);
    await first.deliver();
    const token = await signUpToken(email);
    expect(await finishSignUp(deps(at + 24 * 3_600_000 + 1), token)).toEqual({ kind: "invalid" });
    expect(await db.prisma.user.count({ where: { email } })).toBe(0);
    expect((await finishSignUp(deps(at), token)).kind).toBe("created");

    const raced = address("raced");
    const second = await requestSignUp(
      deps(at),
      { email: raced, name: "Raced", password: PASSWORD },
      null,
      ORIGIN,
    );
    if (second.kind !== "accepted") throw new Error(second.kind);
    await second.deliver();
    const racedToken = await signUpToken(raced);
    await db.prisma.user.create({ data: { email: raced, name: "First", passwordHash: "x" } });
    expect(await finishSignUp(deps(at), racedToken)).toEqual({ kind: "taken", email: raced });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { email: raced } })).name).toBe("First");
    // The link is used up by that answer.
    expect(await findSignUpRequest(db.prisma, racedToken, at)).toBeNull();
  });

  it("a new sign-up request replaces the older link, the mail says how long it lasts, and an expired request is swept", async () => {
    const email = address("twice");
    const at = Date.now();
    const deps = (now: number) => ({ prisma: db.prisma, limits: LIMITS, now: () => now });
    const ask = async (now: number, who = email) => {
      const outcome = await requestSignUp(
        deps(now),
        { email: who, name: "Twice", password: PASSWORD },
        null,
        ORIGIN,
      );
      if (outcome.kind !== "accepted") throw new Error(outcome.kind);
      await outcome.deliver();
      return signUpToken(who);
    };
    const first = await ask(at);
    const [mail] = await readDevMailbox(db.prisma, { to: email });
    expect(mail?.subject).toBe("Confirm your Live Authz account");
    expect(mail?.text).toContain("within 24 hours");
    expect(await findSignUpRequest(db.prisma, first, at)).toEqual({ email, name: "Twice" });
    expect(await findSignUpRequest(db.prisma, first, at + 24 * 3_600_000)).toBeNull();
    expect(await findSignUpRequest(db.prisma, "A".repeat(43), at)).toBeNull();
    const second = await ask(at + 1000);
    expect(second).not.toBe(first);
    expect(await findSignUpRequest(db.prisma, first, at + 1000)).toBeNull();
    // Another address's request, a day later, sweeps this one's expired row.
    await ask(at + 25 * 3_600_000, address("sweeper"));
    expect(await db.prisma.signUpRequest.count({ where: { email } })).toBe(0);
    expect(await finishSignUp(deps(at + 2000), second)).toEqual({ kind: "invalid" });
  });

  it("sign-up requests stop once the address's limit is reached, before anything is stored or mailed", async () => {
    const email = address("flood");
    const deps = { prisma: db.prisma, limits: { ...LIMITS, account: 2 } };
    for (let i = 0; i < 2; i++) {
      const outcome = await requestSignUp(deps, { email, name: "Flood", password: PASSWORD }, null, ORIGIN);
      expect(outcome.kind).toBe("accepted");
    }
    const limited = await requestSignUp(deps, { email, name: "Flood", password: PASSWORD }, null, ORIGIN);
    expect(limited).toEqual({ kind: "limited", retryAfterSeconds: expect.any(Number) });
    expect(await readDevMailbox(db.prisma, { to: email })).toEqual([]);
  });

  it("sign-up takes requests and confirms links only under AUTH_SIGN_UP=open", async () => {
    live.headers = { host: "localhost:3000" };
    const email = address("modes");
    const ask = () => startSignUp({ email, name: "Modes", password: PASSWORD });
    signUpMode.current = "open";
    const accepted = await ask();
    if (accepted.kind !== "accepted") throw new Error(accepted.kind);
    await accepted.deliver();
    const token = await signUpToken(email);
    expect(await signUpLinkRequest(token)).toEqual({ email, name: "Modes" });

    for (const mode of ["invite", "closed"] as const) {
      signUpMode.current = mode;
      const before = await snapshotTables(db.sql);
      const refused = await ask();
      expect(refused, mode).toEqual({ kind: "unavailable", message: await signUpUnavailable() });
      expect(await signUpUnavailable(), mode).toMatch(
        mode === "invite" ? /invitation/ : /does not take new accounts/,
      );
      // A link asked for while sign-up was open creates nothing once it is not.
      expect(await signUpLinkRequest(token), mode).toBeNull();
      expect(await confirmSignUp(token), mode).toEqual({ kind: "invalid" });
      expect(await snapshotTables(db.sql), mode).toEqual(before);
    }
    signUpMode.current = "open";
    expect(await signUpUnavailable()).toBeNull();
    expect(await confirmSignUp(token)).toMatchObject({ kind: "created", email });
  });

  it("a new name on the profile moves the user's stamp, and is audited", async () => {
    const email = address("renamed");
    const user = await db.prisma.user.create({ data: { email, name: "Before", passwordHash: "x" } });
    const actor = await actorFor(db, email);
    const outcome = await updateOwnProfile(db.prisma, actor, { name: "After" });
    expect(outcome.status).toBe("success");
    const after = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.name).toBe("After");
    expect(after.permissionsUpdatedAt.getTime()).toBeGreaterThan(user.permissionsUpdatedAt.getTime());
    expect(
      await db.prisma.auditEvent.count({ where: { action: "user.profile.updated", userId: user.id } }),
    ).toBe(1);
  });
});
