// One sign-in attempt with its limits: every way of signing in with an email
// and a password (the credentials callback, and any token endpoint later)
// goes through attemptSignIn, so they all share the same counts.
import { recordAudit } from "@/lib/audit/record";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { emailSchema } from "@/lib/validations/auth";
import { authenticate, type AuthenticatedUser } from "./authenticate";
import { type LimitSubjects, openSignInGate, type SignInLimits, type Trip } from "./sign-in-limit";

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
async function recordTrip(prisma: PrismaClient, trip: Trip, subjects: LimitSubjects, limits: SignInLimits) {
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
