// "Forgot password?": a single-use link, valid for 30 minutes, sent to the
// account's address. The visitor is told the same thing whether or not the
// address has an account, and every request counts as a failed sign-in
// against that address and the client's (./limits.ts), so the form can
// neither flood a mailbox nor test addresses faster than the sign-in form.
// The link carries 32 random bytes; only their SHA-256 is stored (lib/security/link-token.ts).
//
// Setting the new password writes "User"."passwordHash" in one transaction
// with the token's use and an audit entry, the same write as the signed-in
// change (./password-change.ts): the database's trigger then ends every
// session of the user, browser and token alike, and the live claims refuse
// them on their next request.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sendMail } from "@/lib/mail";
import { hashLinkToken, newLinkToken } from "@/lib/security/link-token";
import { hashPassword } from "@/lib/security/password";
import { recordTrip } from "./attempt";
import { clearAccountLimit, openSignInGate, type SignInLimits } from "./limits";

export const RESET_LINK_MINUTES = 30;
const RESET_LINK_MS = RESET_LINK_MINUTES * 60_000;

type ResetDeps = {
  prisma: PrismaClient;
  limits: SignInLimits;
  /** Milliseconds since the epoch; injected by tests. */
  now?: () => number;
};

export type ResetRequestOutcome =
  /** The same for every address; deliver() looks the account up and mails it (after the response). */
  { kind: "accepted"; deliver(): Promise<void> } | { kind: "limited"; retryAfterSeconds: number };

export type ResetOutcome = { kind: "reset"; userId: string } | { kind: "invalid" };

/**
 * A reset asked for `email` (normalised) by a client at `address` (null when
 * unknown); the link is written on `linkOrigin`. Nothing here depends on
 * whether the account exists: that is looked up in deliver(), which the
 * caller runs after answering, so not even the time taken tells.
 */
export async function requestPasswordReset(
  deps: ResetDeps,
  email: string,
  address: string | null,
  linkOrigin: string,
): Promise<ResetRequestOutcome> {
  const now = (deps.now ?? Date.now)();
  const subjects = { account: email, address };
  const gate = await openSignInGate(deps.prisma, deps.limits, subjects, now);
  if (gate.kind === "limited") return gate;
  // Never given back (no gate.succeeded()): each request costs one attempt, like a wrong password.
  for (const trip of await gate.failed()) await recordTrip(deps.prisma, trip, subjects, deps.limits);
  return { kind: "accepted", deliver: () => mailResetLink(deps.prisma, email, linkOrigin, now) };
}

async function mailResetLink(prisma: PrismaClient, email: string, origin: string, now: number) {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, disabledAt: true } });
  if (!user || user.disabledAt) return;
  const { token, tokenHash } = newLinkToken();
  await prisma.$transaction(async (tx) => {
    // One request at a time per user, so that exactly the newest link stays valid.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${user.id} FOR UPDATE`;
    await tx.passwordResetToken.deleteMany({
      where: { OR: [{ userId: user.id }, { expiresAt: { lt: new Date(now) } }] },
    });
    await tx.passwordResetToken.create({
      data: { userId: user.id, tokenHash, expiresAt: new Date(now + RESET_LINK_MS) },
    });
  });
  const link = `${origin}/reset-password/${token}`;
  await sendMail({
    to: email,
    subject: "Reset your Live Authz password",
    text: [
      "Someone (we hope you) asked to reset the password of your Live Authz account.",
      `To choose a new one, open this link within ${RESET_LINK_MINUTES} minutes:`,
      "",
      link,
      "",
      "It works once. Setting a new password signs you out everywhere.",
      "If you did not ask for this, ignore this message: your password stays as it is.",
    ].join("\n"),
  });
}

/** The account a token opens, while it is unused, unexpired and the account enabled; else null. */
export async function findResetToken(
  prisma: PrismaClient,
  token: string,
  now: number,
): Promise<{ userId: string; email: string } | null> {
  const row = await prisma.passwordResetToken.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: {
      userId: true,
      expiresAt: true,
      usedAt: true,
      user: { select: { email: true, disabledAt: true } },
    },
  });
  if (!row || row.usedAt || row.expiresAt.getTime() <= now || row.user.disabledAt) return null;
  return { userId: row.userId, email: row.user.email };
}

/** Sets the password a valid token opens; an expired, used or unknown token changes nothing. */
export async function resetPassword(
  deps: Pick<ResetDeps, "prisma" | "now">,
  token: string,
  newPassword: string,
): Promise<ResetOutcome> {
  const now = (deps.now ?? Date.now)();
  // Checked before hashing: an unknown token costs no bcrypt work.
  const found = await findResetToken(deps.prisma, token, now);
  if (!found) return { kind: "invalid" };
  const passwordHash = await hashPassword(newPassword);
  const outcome = await deps.prisma.$transaction(async (tx): Promise<ResetOutcome> => {
    // Claims the token; a second use racing this one finds it used and writes nothing.
    const claimed = await tx.passwordResetToken.updateMany({
      where: { tokenHash: hashLinkToken(token), usedAt: null, expiresAt: { gt: new Date(now) } },
      data: { usedAt: new Date(now) },
    });
    if (claimed.count !== 1) return { kind: "invalid" };
    // The trigger of 20261204130000_password_change_revokes_sessions ends every session here.
    await tx.user.update({ where: { id: found.userId }, data: { passwordHash } });
    await tx.passwordResetToken.deleteMany({ where: { userId: found.userId, usedAt: null } });
    await recordAudit(
      tx,
      { id: found.userId, email: found.email },
      { action: "user.password.reset", target: { type: "user", id: found.userId, label: found.email } },
    );
    return { kind: "reset", userId: found.userId };
  });
  // Whoever holds the mailbox may sign in now, even if guesses (or reset requests) locked the account.
  if (outcome.kind === "reset") await clearAccountLimit(deps.prisma, found.email);
  return outcome;
}
