// The session of the request being served (App Router): its cookie read and
// checked (./fresh-session.ts, the one freshness check every path goes
// through), the signed-in user it describes, and what the browser is told about them.
// React's cache makes each of these one read per request, however many
// components ask. The guards that end a request are in ./guards.ts.
import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { authConfig } from "./config";
import { loadClaims } from "./claims";
import { freshSessionOf } from "./fresh-session";
import { liveClaimsHost } from "./host";
import type { ClientClaims } from "./protocol";
import { type RoleNameKey, roleNameMemo } from "./role-memo";
import { sessionCookieName } from "./session-cookie";
import { type AuthToken, type TokenUser, userOfToken } from "./token";

/**
 * The session token of the current request with fresh claims, or null when
 * signed out, expired, tampered with, revoked or disabled. It reads the cookie
 * the proxy may already have refreshed for this request, and runs the same
 * freshness check as the proxy and next-auth's jwt callback. Unlike
 * getServerSession it never re-encodes the token: nothing here could write
 * the cookie anyway (only the proxy can).
 */
export async function readFreshSession(): Promise<AuthToken | null> {
  return freshSessionOf((await cookies()).get(sessionCookieName(authConfig().secureCookies))?.value);
}

/** The signed-in user, as the session's (fresh) claims describe them. */
export type CurrentUser = TokenUser;

/** The signed-in user of this request, or null; pages go through the guards (./guards.ts) instead. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const token = await readFreshSession();
  return token ? userOfToken(token) : null;
});

/**
 * The role names of a signed-in user, for display. Only what shows role names
 * calls this (the signed-in pages, GET /api/me/permissions, next-auth's
 * session), so no other request pays for them. Answered from memory when this
 * instance has loaded the user's claims at this permission stamp (it has,
 * whenever it rebuilt or issued the token); otherwise one read, remembered from
 * then on. A change that committed in between gives the newer names: the same
 * request's freshness check rebuilds the rest on the next one.
 */
export async function roleNamesOf(key: RoleNameKey): Promise<string[]> {
  const known = roleNameMemo().get(key);
  if (known) return known;
  const claims = await loadClaims(
    await liveClaimsHost().prisma(),
    key.userId,
    Date.now(),
    key.organizationId ?? null,
  );
  return claims?.roles ?? [];
}

/** The user's role names, looked up once per request (not part of CurrentUser: most requests never show them). */
export const getRoleNames = cache((user: CurrentUser): Promise<string[]> =>
  roleNamesOf({
    userId: user.id,
    permissionsUpdatedAt: user.permissionsUpdatedAt,
    grantExp: user.grantExp,
    organizationId: user.organization?.id ?? null,
  }),
);

/** What the browser is told about the user's claims when a page renders. */
export async function claimsOf(user: CurrentUser): Promise<ClientClaims> {
  return {
    roles: await getRoleNames(user),
    permissions: user.permissions,
    globalPermissions: user.globalPermissions,
    permissionsUpdatedAt: user.permissionsUpdatedAt,
    organization: user.organization,
    organizationChosenAt: user.organizationChosenAt,
  };
}
