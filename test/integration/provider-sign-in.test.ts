// Issue 21, point 5: signing in through an identity provider, on both
// databases. The linking rule (lib/sign-in/linked-accounts.ts): a linked
// identity is its user, whatever address it reports later; an unlinked one
// links to the account with the same address only when the provider says the
// address is verified; an unknown address signs up only under
// AUTH_SIGN_UP=open, with no roles; a disabled account is refused. Then
// next-auth's own signIn and jwt callbacks, called as its callback route
// calls them (one `user` object through both): the token is the one a
// password sign-in builds, for our user id, never the provider's subject.
import type { Account, Profile, User } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import type { AuthToken } from "@/lib/auth/token";
import { type ProviderIdentity, resolveProviderSignIn, signInMethodsOf } from "@/lib/sign-in/linked-accounts";
import { setAppDatabase } from "../support/app-database";
import { createMigratedDatabase, describeOnBackends, type TestDatabase } from "../support/databases";
import { createRole, grant, newId } from "../support/fixtures";
import { live, resetInstance } from "../support/session-harness";

vi.mock("next/headers", async () => (await import("../support/session-harness")).headersMock);

const { authOptions } = await import("@/lib/sign-in/next-auth");

type Callbacks = {
  signIn(params: { user: User; account: Account | null; profile?: Profile }): Promise<boolean | string>;
  jwt(params: { token: JWT; user?: User; account?: Account | null }): Promise<AuthToken>;
};
const callbacks = () => authOptions().callbacks as unknown as Callbacks;

await describeOnBackends("sign-in through an identity provider", (backend) => {
  let db: TestDatabase;
  let readers: string;

  beforeAll(async () => {
    db = await createMigratedDatabase(backend);
    setAppDatabase(db);
    readers = await createRole(db.sql, ["reports.read"], "readers");
  });
  beforeEach(() => {
    live.headers = { "user-agent": "Provider Test Browser" };
  });
  afterAll(async () => {
    await resetInstance();
    await db?.dispose();
  });

  async function user(options: { disabled?: boolean; password?: string | null } = {}) {
    const id = newId("sso");
    const email = `${id.toLowerCase()}@example.test`;
    await db.sql.query(
      `INSERT INTO "User" (id, email, name, "passwordHash", "disabledAt") VALUES ($1, $2, $3, $4, $5)`,
      [
        id,
        email,
        "Sso User",
        options.password === undefined ? "x" : options.password,
        options.disabled ? new Date() : null,
      ],
    );
    return { id, email };
  }

  const identity = (email: string, overrides: Partial<ProviderIdentity> = {}): ProviderIdentity => ({
    provider: "oidc",
    providerAccountId: newId("sub"),
    email,
    emailVerified: true,
    name: "Ada from the provider",
    ...overrides,
  });
  const resolve = (who: ProviderIdentity, signUp: "invite" | "open" | "closed" = "invite") =>
    resolveProviderSignIn(db.prisma, who, signUp);
  const linksOf = (userId: string) =>
    db.prisma.account.findMany({
      where: { userId },
      select: { provider: true, providerAccountId: true, email: true },
    });
  const auditOf = async (userId: string) =>
    (await db.prisma.auditEvent.findMany({ where: { userId }, orderBy: { id: "asc" } })).map((e) => [
      e.action,
      e.actorId,
    ]);

  it("links to the account with the same verified address (any case), once, and audits the link", async () => {
    const ada = await user();
    const who = identity(ada.email.toUpperCase());
    expect(await resolve(who)).toEqual({ kind: "signed-in", userId: ada.id, via: "linked-now" });
    expect(await linksOf(ada.id)).toEqual([
      { provider: "oidc", providerAccountId: who.providerAccountId, email: ada.email },
    ]);
    expect(await auditOf(ada.id)).toEqual([["user.account.linked", ada.id]]);
    // A second sign-in reuses the link: no new row, no new entry.
    expect(await resolve(who)).toEqual({ kind: "signed-in", userId: ada.id, via: "link" });
    expect(await linksOf(ada.id)).toHaveLength(1);
    expect(await auditOf(ada.id)).toHaveLength(1);
  });

  it("an address the provider does not call verified links nothing (and an absent one neither)", async () => {
    const ada = await user();
    expect(await resolve(identity(ada.email, { emailVerified: false }), "open")).toEqual({
      kind: "refused",
      code: "EmailNotVerified",
    });
    expect(await resolve(identity("", { email: null }), "open")).toEqual({
      kind: "refused",
      code: "EmailNotVerified",
    });
    expect(await linksOf(ada.id)).toEqual([]);
  });

  it("an unknown address is refused under invite and closed, and signs up under open with no roles", async () => {
    const email = `${newId("new").toLowerCase()}@example.test`;
    const who = identity(email);
    expect(await resolve(who, "invite")).toEqual({ kind: "refused", code: "NoAccount" });
    expect(await resolve(who, "closed")).toEqual({ kind: "refused", code: "NoAccount" });
    expect(await db.prisma.user.findUnique({ where: { email } })).toBeNull();

    const created = await resolve(who, "open");
    expect(created).toMatchObject({ kind: "signed-in", via: "signed-up" });
    const id = (created as { userId: string }).userId;
    const row = await db.prisma.user.findUniqueOrThrow({
      where: { id },
      include: { roles: true, memberships: true },
    });
    expect(row).toMatchObject({
      email,
      name: "Ada from the provider",
      passwordHash: null,
      roles: [],
      memberships: [],
    });
    expect(await auditOf(id)).toEqual([
      ["user.signed_up", id],
      ["user.account.linked", id],
    ]);
    // Then it is a link like any other, whatever the mode.
    expect(await resolve(who, "closed")).toEqual({ kind: "signed-in", userId: id, via: "link" });
    expect(await signInMethodsOf(db.prisma, id)).toEqual([
      { provider: "oidc", label: "Single sign-on", linkedAt: expect.any(Date) },
    ]);
  });

  it("a provider's name with control or bidi characters is not stored: the address's local part stands in", async () => {
    for (const hostile of ["Ada\u0000Admin", "Ada\u202Enimda", "\u0007"]) {
      const email = `${newId("named").toLowerCase()}@example.test`;
      const created = await resolve(identity(email, { name: hostile }), "open");
      const id = (created as { userId: string }).userId;
      expect((await db.prisma.user.findUniqueOrThrow({ where: { id } })).name, hostile).toBe(
        email.split("@")[0],
      );
    }
  });

  it("a disabled account is refused, linked or not", async () => {
    const off = await user({ disabled: true });
    expect(await resolve(identity(off.email))).toEqual({ kind: "refused", code: "AccountDisabled" });
    expect(await linksOf(off.id)).toEqual([]);
    const on = await user();
    const who = identity(on.email);
    await resolve(who);
    await db.sql.query(`UPDATE "User" SET "disabledAt" = now() WHERE id = $1`, [on.id]);
    expect(await resolve(who)).toEqual({ kind: "refused", code: "AccountDisabled" });
  });

  it("an identity linked to A stays A's: it never links to B, even when it reports B's address", async () => {
    const [a, b] = [await user(), await user()];
    const who = identity(a.email);
    await resolve(who);
    expect(await resolve({ ...who, email: b.email })).toEqual({
      kind: "signed-in",
      userId: a.id,
      via: "link",
    });
    expect(await linksOf(b.id)).toEqual([]);
    // And A's account takes no second identity at the same provider through its address.
    expect(await resolve(identity(a.email))).toEqual({ kind: "refused", code: "OtherIdentityLinked" });
    // At another provider it may link.
    expect(await resolve(identity(a.email, { provider: "google" }))).toMatchObject({
      kind: "signed-in",
      userId: a.id,
    });
    expect(await signInMethodsOf(db.prisma, a.id)).toEqual([
      { provider: "password", label: "Email and password", linkedAt: null },
      { provider: "oidc", label: "Single sign-on", linkedAt: expect.any(Date) },
      { provider: "google", label: "Google", linkedAt: expect.any(Date) },
    ]);
  });

  it("two first sign-ins of one identity at once end on one link", async () => {
    const ada = await user();
    const who = identity(ada.email);
    const both = await Promise.all([resolve(who), resolve(who)]);
    expect(both.map((r) => (r as { userId?: string }).userId)).toEqual([ada.id, ada.id]);
    expect(await linksOf(ada.id)).toHaveLength(1);
  });

  /** next-auth's oauth branch: profile() → signIn({ user }) → the same `user` → jwt({ user, account }). */
  async function throughNextAuth(claims: Record<string, unknown>) {
    const user: User = {
      id: String(claims.sub),
      email: claims.email as string,
      name: "From provider",
      image: "https://idp.example/p.png",
    };
    const account = { provider: "oidc", type: "oauth", providerAccountId: String(claims.sub) } as Account;
    const allowed = await callbacks().signIn({ user, account, profile: claims as Profile });
    if (allowed !== true) return { allowed, token: null };
    const token = await callbacks().jwt({
      token: { sub: String(claims.sub), picture: user.image },
      user,
      account,
    });
    return { allowed, token };
  }

  it("next-auth's callbacks: the token is a password sign-in's, for our user id, with a registry row", async () => {
    const ada = await user();
    await grant(db.sql, ada.id, readers);
    const sub = newId("provider-sub");
    const { allowed, token } = await throughNextAuth({
      sub,
      email: ada.email,
      email_verified: true,
      roles: ["Admin"],
    });
    expect(allowed).toBe(true);
    expect(token?.sub).toBe(ada.id);
    expect(token, "nothing of the provider's").not.toHaveProperty("picture");
    const password = await callbacks().jwt({
      token: { sub: ada.id, name: "x", email: ada.email },
      user: { id: ada.id } as User,
    });
    const shape = (t: AuthToken) => ({ ...t, authAt: 0, bAt: 0, sid: "" });
    expect(shape(token!)).toEqual(shape(password));
    const sessions = await db.prisma.session.findMany({ where: { id: token!.sid } });
    expect(sessions).toEqual([
      expect.objectContaining({ userId: ada.id, userAgent: "Provider Test Browser" }),
    ]);
  });

  it("next-auth's callbacks: a refusal sends the browser to the sign-in page with its code, and no token is made", async () => {
    const unknown = await throughNextAuth({
      sub: newId("s"),
      email: "nobody@example.test",
      email_verified: true,
    });
    expect(unknown.allowed).toBe("/sign-in?error=NoAccount");
    const ada = await user();
    const unverified = await throughNextAuth({ sub: newId("s"), email: ada.email, email_verified: "true" });
    expect(unverified.allowed, "only the boolean true counts").toBe("/sign-in?error=EmailNotVerified");
    // A jwt call for a provider sign-in the signIn callback never resolved makes no token, even when
    // the provider's subject happens to be one of our user ids.
    const account = { provider: "oidc", type: "oauth", providerAccountId: ada.id } as Account;
    await expect(callbacks().jwt({ token: {}, user: { id: ada.id } as User, account })).rejects.toThrow(
      /without a resolved account/,
    );
  });
});
