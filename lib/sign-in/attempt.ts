// Signing in with an email and a password. Every way of doing it (the
// credentials callback, and any token endpoint later) goes through
// attemptSignIn, so they all share the same failed-attempt counts
// (./limits.ts); signInFromRequest is attemptSignIn for a request that
// reached this server. authenticate checks the password alone: unknown email,
// wrong password and disabled account all return null, after the same hashing work.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getPrisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { hashPassword, needsRehash, verifyAgainstNothing, verifyPassword } from "@/lib/security/password";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { emailSchema, signInSchema } from "@/lib/validations/auth";
import { type HeaderSource, requestAddress } from "./client-address";
import { type LimitSubjects, openSignInGate, type SignInLimits, type Trip } from "./limits";

export type SignInOutcome =
  | { kind: "signed-in"; user: AuthenticatedUser }
  /** Wrong password, unknown email, disabled account or invalid input: one answer for all. */
  | { kind: "refused" }
  | { kind: "limited"; retryAfterSeconds: number };

export type SignInDeps = {
  prisma: PrismaClient;
  limits: SignInLimits;
  /** Milliseconds since the epoch; injected by tests. */
  now?: () => number;
};

/**
 * Checks `input` ({ email, password }, unvalidated) from a client at
 * `address` (null when unknown: then only the account is counted).
 */
export async function attemptSignIn(
  deps: SignInDeps,
  input: unknown,
  address: string | null,
): Promise<SignInOutcome> {
  const email = emailSchema.safeParse((input as { email?: unknown } | null)?.email);
  const subjects: LimitSubjects = { account: email.success ? email.data : null, address };
  const gate = await openSignInGate(deps.prisma, deps.limits, subjects, (deps.now ?? Date.now)());
  if (gate.kind === "limited") return gate;

  const user = await authenticate(deps.prisma, input);
  if (user) {
    await gate.succeeded();
    return { kind: "signed-in", user };
  }
  for (const trip of await gate.failed()) await recordTrip(deps.prisma, trip, subjects, deps.limits);
  return { kind: "refused" };
}

/** The audit entry for a limit that has just been reached (once per lock). */
export async function recordTrip(
  prisma: PrismaClient,
  trip: Trip,
  subjects: LimitSubjects,
  limits: SignInLimits,
) {
  // Admins may see whether the account exists; the client never does (its answer is the same).
  const user =
    trip.kind === "account"
      ? await prisma.user.findUnique({ where: { email: trip.value }, select: { id: true } })
      : null;
  await recordAudit(prisma, null, {
    action: `sign-in.limited.${trip.kind}`,
    target: { type: trip.kind, id: trip.value, label: trip.value },
    userId: user?.id ?? null,
    after: {
      failedAttempts: trip.failures,
      window: `${limits.windowMs / 60_000} minutes`,
      lockedUntil: trip.until.toISOString(),
      ...(trip.kind === "account"
        ? { lastAddress: subjects.address ?? "unknown" }
        : { lastAccount: subjects.account ?? "not an email" }),
    },
  });
}

type AuthenticatedUser = { id: string; email: string; name: string };

export async function authenticate(prisma: PrismaClient, input: unknown): Promise<AuthenticatedUser | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true },
  });
  // No account, or one created from an identity provider (no password, lib/sign-in/linked-accounts.ts):
  // the same hashing work as a wrong password, and the same answer.
  if (!user?.passwordHash) return verifyAgainstNothing(password).then(() => null);
  const ok = await verifyPassword(password, user.passwordHash);
  if (!ok || user.disabledAt) return null;
  if (needsRehash(user.passwordHash)) await upgradeHash(prisma, user.id, user.passwordHash, password);
  return { id: user.id, email: user.email, name: user.name };
}

/**
 * Rewrites a weaker hash (a lower bcrypt cost) now that the password is known.
 * Only if the hash is still the one we checked: a password changed meanwhile wins.
 * The same password, so not a change: the database would otherwise end every
 * session of the user (prisma/migrations/20261204130000_password_change_revokes_sessions).
 */
async function upgradeHash(prisma: PrismaClient, id: string, oldHash: string, password: string) {
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('authz.password_rehash', 'on', true)`;
    await tx.user.updateMany({ where: { id, passwordHash: oldHash }, data: { passwordHash } });
  });
}

/** attemptSignIn with the app's database and limits, for a client at the request's address. */
export async function signInFromRequest(input: unknown, headers: HeaderSource): Promise<SignInOutcome> {
  const { signInLimits } = env();
  return attemptSignIn({ prisma: await getPrisma(), limits: signInLimits }, input, requestAddress(headers));
}
