// The signed-in user changes their own password (the home page's form). The
// current password is checked through attemptSignIn, so a wrong one counts
// against the same per-account and per-address limits as a wrong sign-in, and
// a locked account cannot guess here either. The new hash is written in one
// transaction with its audit entry; the database then ends every session of
// the user, this one included (prisma/migrations/…_password_change_revokes_sessions),
// so this session goes on as a new sign-in would: a new registry row signed in
// after the revocation, and a re-issued cookie carrying it.
import "server-only";
import { cookies, headers } from "next/headers";
import { recordAudit } from "@/lib/audit/record";
import { getPrisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { hashPassword } from "@/lib/security/password";
import type { ChangePasswordInput } from "@/lib/validations/auth";
import { loadClaims, refusalReason } from "@/lib/auth/claims";
import { originOf, requestAddress } from "./client-address";
import { readFreshSession } from "@/lib/auth/session";
import { encodeSessionToken, sessionCookieName, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { createSession } from "@/lib/auth/session-registry";
import { attemptSignIn } from "./attempt";
import { organizationOfToken, withClaims } from "@/lib/auth/token";

export type PasswordChangeOutcome =
  | { kind: "changed" }
  | { kind: "wrong-password" }
  | { kind: "limited"; retryAfterSeconds: number }
  /** The session ended before or while the password changed (revoked, disabled, deleted). */
  | { kind: "signed-out" };

/** Changes the password of the request's signed-in user and keeps this session signed in. */
export async function changeOwnPassword(input: ChangePasswordInput): Promise<PasswordChangeOutcome> {
  // Read before the change: once it commits, this cookie is one of the sessions it ended.
  const current = await readFreshSession();
  if (!current) return { kind: "signed-out" };
  const prisma = await getPrisma();
  const requestHeaders = await headers();
  const user = await prisma.user.findUnique({ where: { id: current.sub }, select: { email: true } });
  if (!user) return { kind: "signed-out" };
  const check = await attemptSignIn(
    { prisma, limits: env().signInLimits },
    { email: user.email, password: input.currentPassword },
    requestAddress(requestHeaders),
  );
  if (check.kind === "limited") return check;
  if (check.kind === "refused" || check.user.id !== current.sub) return { kind: "wrong-password" };

  const passwordHash = await hashPassword(input.newPassword);
  const revokedAt = await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: current.sub }, data: { passwordHash } });
    await recordAudit(tx, check.user, {
      action: "user.password.changed",
      target: { type: "user", id: check.user.id, label: check.user.email },
    });
    // Set by the trigger in this update: every session signed in at or before it has ended.
    const row = await tx.user.findUniqueOrThrow({
      where: { id: current.sub },
      select: { sessionsRevokedAt: true },
    });
    return row.sessionsRevokedAt?.getTime() ?? 0;
  });

  // After the revocation on the database's clock too, whatever this server's clock says.
  const authAt = Math.max(Date.now(), revokedAt + 1);
  const claims = await loadClaims(prisma, current.sub, Date.now(), organizationOfToken(current)?.id ?? null);
  if (!claims || refusalReason(claims, authAt)) return { kind: "signed-out" };
  const sid = await createSession(prisma, {
    userId: claims.userId,
    kind: "browser",
    origin: originOf(requestHeaders),
    authAt,
  });
  const cookie = await encodeSessionToken(withClaims({ ...current, authAt, sid }, claims), env().authSecret);
  const { secureCookies } = env();
  (await cookies()).set(sessionCookieName(secureCookies), cookie.value, {
    ...sessionCookieOptions(secureCookies),
    maxAge: cookie.maxAge,
  });
  return { kind: "changed" };
}
