// The organizations a user may work in, and switching the session's active
// organization (PUT /api/me/organization). A switch rebuilds the claims for
// the organization asked for, through the same loadClaims as every rebuild,
// so the rule of who may enter where lives in one place
// (./organization-choice.ts); only if the rebuilt claims landed there is the
// new cookie (or, for a bearer client, the new access token) issued.
import "server-only";
import { getPrisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { PLATFORM_ADMIN_PERMISSION } from "@/lib/permissions/catalogue";
import { issueAccessToken } from "@/lib/sessions/access-token";
import { bearerSession, bearerTokenOf } from "@/lib/sessions/bearer";
import { loadClaims, refusalReason } from "@/lib/auth/claims";
import { type CurrentUser, readFreshSession } from "@/lib/auth/session";
import { encodeSessionToken, type EncodedSession } from "@/lib/auth/session-cookie";
import type { ActiveOrganization } from "@/lib/auth/protocol";
import { type AuthToken, organizationChosenAtOf, userOfToken, withClaims } from "@/lib/auth/token";

/** One organization the user may enter, with the roles they hold in it (none for a platform admin's visit). */
export type OrganizationEntry = ActiveOrganization & { roles: string[] };

/** The most organizations one answer lists. */
export const MAX_ORGANIZATIONS = 200;

/** Whether the user holds users.manage through a current global grant: a platform admin, inside every organization. */
export async function isPlatformAdmin(userId: string, now = new Date()): Promise<boolean> {
  const prisma = await getPrisma();
  const count = await prisma.userRole.count({
    where: {
      userId,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      role: { permissions: { some: { permission: PLATFORM_ADMIN_PERMISSION } } },
    },
  });
  return count > 0;
}

/** The user's organizations by slug; a platform admin (users.manage) sees every organization. */
export async function organizationsOf(user: CurrentUser): Promise<OrganizationEntry[]> {
  const prisma = await getPrisma();
  const now = new Date();
  const current = { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  const platformAdmin = await isPlatformAdmin(user.id, now);
  const organizations = await prisma.organization.findMany({
    where: platformAdmin ? {} : { memberships: { some: { userId: user.id, ...current } } },
    select: {
      id: true,
      slug: true,
      name: true,
      memberships: { where: { userId: user.id, ...current }, select: { role: { select: { name: true } } } },
    },
    orderBy: { slug: "asc" },
    take: MAX_ORGANIZATIONS,
  });
  return organizations.map(({ memberships, ...organization }) => ({
    ...organization,
    roles: [...new Set(memberships.map((m) => m.role.name))].sort(),
  }));
}

/** What the caller keeps: a new session cookie (browsers) or a new access token (bearer clients). */
export type SwitchOutcome =
  | { kind: "switched"; user: CurrentUser; cookie: EncodedSession | null; accessToken: string | null }
  | { kind: "not-found" }
  | { kind: "signed-out" };

/** The request's session token with fresh claims: its bearer token when it has one, else its cookie. */
async function sessionTokenOf(req: Request): Promise<AuthToken | null> {
  const bearer = bearerTokenOf(req.headers);
  if (bearer === null) return readFreshSession();
  const session = await bearerSession(bearer);
  return session.kind === "session" ? session.token : null;
}

/** Moves the request's session into the organization `slug`, or changes nothing. */
export async function switchOrganization(req: Request, slug: string): Promise<SwitchOutcome> {
  const token = await sessionTokenOf(req);
  if (!token) return { kind: "signed-out" };
  const prisma = await getPrisma();
  const target = await prisma.organization.findUnique({ where: { slug }, select: { id: true } });
  if (!target) return { kind: "not-found" };
  const claims = await loadClaims(prisma, token.sub, Date.now(), target.id);
  if (!claims || refusalReason(claims, token.authAt)) return { kind: "signed-out" };
  if (claims.organization?.id !== target.id) return { kind: "not-found" };
  // Strictly later than the last choice whatever this instance's clock says, so the
  // browser orders the new claims after every answer it had before the switch.
  const switched = {
    ...withClaims(token, claims),
    orgAt: Math.max(Date.now(), organizationChosenAtOf(token) + 1),
  };
  const user = userOfToken(switched);
  if (bearerTokenOf(req.headers) !== null) {
    // The refresh token's next pair starts from here too (lib/sessions/grants.ts).
    if (token.sid)
      await prisma.session.updateMany({
        where: { id: token.sid, userId: token.sub },
        data: { organizationId: target.id },
      });
    return { kind: "switched", user, cookie: null, accessToken: await issueAccessToken(switched) };
  }
  return {
    kind: "switched",
    user,
    cookie: await encodeSessionToken(switched, env().authSecret),
    accessToken: null,
  };
}
