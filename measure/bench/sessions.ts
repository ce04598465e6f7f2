// Session cookies for many users without signing each one in: the token is
// built from the user's claims exactly as the sign-in callback builds it, and
// encoded with the servers' secret. bcrypt at sign-in would otherwise cost
// minutes for thousands of users, and measure nothing of interest here.
import { loadClaims, type UserClaims } from "@/lib/auth/claims";
import { organizationClaims } from "@/lib/tenancy/claims-extension";
import { SESSION_MAX_AGE_SECONDS, sessionCookieName } from "@/lib/auth/session-cookie";
import { TokenCodec } from "@/lib/auth/token-codec";
import { withClaims } from "@/lib/auth/token";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** The Cookie header a session with these claims would send, encoded with the servers' codec. */
export async function sessionCookieFor(
  codec: TokenCodec,
  claims: UserClaims,
  authAt = Date.now(),
): Promise<string> {
  const value = await codec.encode(withClaims({ authAt }, claims), SESSION_MAX_AGE_SECONDS);
  return `${sessionCookieName(false)}=${value}`;
}

export async function mintSessionCookie(
  prisma: PrismaClient,
  userId: string,
  codec: TokenCodec,
): Promise<string> {
  const claims = await loadClaims(prisma, userId, Date.now(), null, organizationClaims);
  if (!claims) throw new Error(`no user ${userId}`);
  return sessionCookieFor(codec, claims);
}

/** Creates `count` users with the given roles in a few set-based statements; returns their ids. */
export async function createUsers(
  prisma: PrismaClient,
  prefix: string,
  count: number,
  roles: readonly string[],
): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}_${i}`);
  await prisma.$executeRaw`
    INSERT INTO "User" (id, email, name, "passwordHash")
    SELECT id, id || '@bench.test', id, 'not-a-password-hash' FROM unnest(${ids}::text[]) AS id`;
  await prisma.$executeRaw`
    INSERT INTO "UserRole" ("userId", "roleId")
    SELECT u, r.id FROM unnest(${ids}::text[]) AS u CROSS JOIN "Role" r WHERE r.name = ANY(${[...roles]}::text[])`;
  return ids;
}
