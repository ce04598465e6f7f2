// Which user an identity from a provider (OpenID Connect, GitHub, Google)
// signs in as. The rule, safest first:
// 1. An identity already linked (provider + its stable subject) is that
//    user, whatever address the provider reports today: a linked identity
//    never moves to another account.
// 2. Otherwise it links to the account with the same address only when the
//    provider vouches for the address (`email_verified === true`; for
//    GitHub, its primary address marked verified: ./identity-providers.ts),
//    and only when that account has no other identity at the same provider.
// 3. Otherwise, under AUTH_SIGN_UP=open, a new account with no password and
//    no roles; under invite or closed, refused.
// A disabled account is refused at every step. Nothing from the provider
// decides roles: claims are built from this database (lib/auth).
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getPrisma } from "@/lib/db/client";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { emailSchema, personName } from "@/lib/validations/auth";
import { providerLabel } from "./identity-providers";
import type { ProviderRefusal } from "./provider-errors";

/** What a provider says about the person signing in, read from its verified token or userinfo. */
export type ProviderIdentity = {
  /** next-auth's provider id: "oidc", "github", "google". */
  provider: string;
  /** The provider's stable subject (OIDC `sub`). */
  providerAccountId: string;
  email: string | null;
  /** True only when the provider says so in so many words. */
  emailVerified: boolean;
  name: string | null;
};

export type SignUpMode = "invite" | "open" | "closed";

export type ProviderSignIn =
  | { kind: "signed-in"; userId: string; via: "link" | "linked-now" | "signed-up" }
  | { kind: "refused"; code: ProviderRefusal };

const NAME_MAX = 100;

/** The user `identity` signs in as, linking or creating per the rule above; refusals say why. */
export async function resolveProviderSignIn(
  prisma: PrismaClient,
  identity: ProviderIdentity,
  signUp: SignUpMode,
): Promise<ProviderSignIn> {
  try {
    return await resolveOnce(prisma, identity, signUp);
  } catch (error) {
    // Two first sign-ins of one identity (or address) at once: the loser finds the winner's rows.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return resolveOnce(prisma, identity, signUp);
    throw error;
  }
}

async function resolveOnce(
  prisma: PrismaClient,
  identity: ProviderIdentity,
  signUp: SignUpMode,
): Promise<ProviderSignIn> {
  const { provider, providerAccountId } = identity;
  const linked = await prisma.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { user: { select: { id: true, disabledAt: true } } },
  });
  if (linked) return enabled(linked.user, "link");

  const email = emailSchema.safeParse(identity.email);
  if (!identity.emailVerified || !email.success) return refused("EmailNotVerified");
  const user = await prisma.user.findUnique({
    where: { email: email.data },
    select: {
      id: true,
      email: true,
      disabledAt: true,
      accounts: { where: { provider }, select: { id: true } },
    },
  });
  if (user) {
    if (user.disabledAt) return refused("AccountDisabled");
    if (user.accounts.length > 0) return refused("OtherIdentityLinked");
    await link(prisma, user, identity, email.data);
    return { kind: "signed-in", userId: user.id, via: "linked-now" };
  }
  if (signUp !== "open") return refused("NoAccount");
  return { kind: "signed-in", userId: await signUpFrom(prisma, identity, email.data), via: "signed-up" };
}

function enabled(user: { id: string; disabledAt: Date | null }, via: "link"): ProviderSignIn {
  return user.disabledAt ? refused("AccountDisabled") : { kind: "signed-in", userId: user.id, via };
}

const refused = (code: ProviderRefusal): ProviderSignIn => ({ kind: "refused", code });

/** Links the identity to an existing account, in one transaction with its audit entry. */
async function link(
  prisma: PrismaClient,
  user: { id: string; email: string },
  identity: ProviderIdentity,
  email: string,
): Promise<void> {
  await prisma.$transaction((tx) => recordLink(tx, user, identity, email));
}

/** The link row and its audit entry, in the caller's transaction; the person signing in is the actor. */
async function recordLink(
  tx: Prisma.TransactionClient,
  user: { id: string; email: string },
  identity: ProviderIdentity,
  email: string,
): Promise<void> {
  await tx.account.create({
    data: {
      userId: user.id,
      provider: identity.provider,
      providerAccountId: identity.providerAccountId,
      email,
    },
  });
  await recordAudit(tx, user, {
    action: "user.account.linked",
    target: { type: "user", id: user.id, label: user.email },
    after: { provider: identity.provider, email },
  });
}

/** A new account from the identity: no password (it signs in through the provider), no roles. */
async function signUpFrom(prisma: PrismaClient, identity: ProviderIdentity, email: string): Promise<string> {
  // The provider's name passes the same rules as one typed into a form (no control or bidi
  // characters, at most 100); otherwise the address's local part stands in.
  const typed = personName().safeParse(identity.name?.trim().slice(0, NAME_MAX));
  const name = typed.success ? typed.data : email.split("@")[0]!;
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email, name, passwordHash: null }, select: { id: true } });
    const actor = { id: user.id, email };
    await recordAudit(tx, actor, {
      action: "user.signed_up",
      target: { type: "user", id: user.id, label: email },
      after: { email, name, provider: identity.provider, roles: [] },
    });
    await recordLink(tx, actor, identity, email);
    return user.id;
  });
}

/** One way a user can sign in, for their profile page. */
export type SignInMethod = { provider: string; label: string; linkedAt: Date | null };

/** The user's ways to sign in: "password" when they have one (linkedAt null), then each linked identity. */
export async function signInMethodsOf(prisma: PrismaClient, userId: string): Promise<SignInMethod[]> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      passwordHash: true,
      accounts: { select: { provider: true, createdAt: true }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!user) return [];
  const password: SignInMethod[] = user.passwordHash
    ? [{ provider: "password", label: "Email and password", linkedAt: null }]
    : [];
  return [
    ...password,
    ...user.accounts.map((a) => ({
      provider: a.provider,
      label: providerLabel(a.provider),
      linkedAt: a.createdAt,
    })),
  ];
}

/** signInMethodsOf on the app's database, for the profile page. */
export async function ownSignInMethods(userId: string): Promise<SignInMethod[]> {
  return signInMethodsOf(await getPrisma(), userId);
}
