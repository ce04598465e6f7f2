// The session of the request being served: its cookie read and checked
// (checkSessionFreshness, the one freshness check every path goes through),
// the signed-in user it describes, and what the browser is told about them.
// React's cache makes each of these one read per request, however many
// components ask. The guards that end a request are in ./guards.ts.
import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { getDb, getPrisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { databaseStamps } from "@/lib/live/stamp-cache";
import { liveInstance } from "@/lib/live/instance";
import { loadClaims } from "./claims";
import { ensureFreshClaims, type Freshness, type FreshnessDeps } from "./freshness";
import type { ClientClaims } from "./protocol";
import { type RoleNameKey, roleNameMemo } from "./role-memo";
import { decodeSessionToken, sessionCookieName } from "./session-cookie";
import { type AuthToken, type TokenUser, userOfToken } from "./token";

/** Mode off never reads the database (ensureFreshClaims only checks the lifetime). */
const NO_DATABASE: Pick<FreshnessDeps, "stamps" | "loadClaims"> = {
  stamps: { read: () => Promise.reject(new Error("mode off reads no stamps")) },
  loadClaims: () => Promise.reject(new Error("mode off loads no claims")),
};

/**
 * Whether this session may go on, and with which claims: ensureFreshClaims
 * wired to the app's database and configured mode (AUTH_FRESHNESS). Never
 * re-encodes the token; the proxy does that when the claims were rebuilt.
 */
export async function checkSessionFreshness(token: AuthToken): Promise<Freshness> {
  const { freshness: mode, sessionLifetimeSeconds: lifetimeSeconds } = env();
  const now = Date.now();
  if (mode === "off") return ensureFreshClaims(token, { mode, now, lifetimeSeconds, ...NO_DATABASE });
  const db = await getDb();
  return ensureFreshClaims(token, {
    mode,
    now,
    lifetimeSeconds,
    // strict: one database read per check; cached: this instance's stamp cache (lib/live/wiring.ts).
    stamps: mode === "strict" ? databaseStamps(db.prisma) : (await liveInstance()).cache,
    loadClaims: (userId, now) => loadClaims(db.prisma, userId, now),
  });
}

/**
 * The session token of the current request with fresh claims, or null when
 * signed out, expired, tampered with, revoked or disabled. It reads the cookie
 * the proxy may already have refreshed for this request, and runs the same
 * freshness check as the proxy and next-auth's jwt callback. Unlike
 * getServerSession it never re-encodes the token: nothing here could write
 * the cookie anyway (only the proxy can).
 */
export async function readFreshSession(): Promise<AuthToken | null> {
  const { authSecret, secureCookies } = env();
  const raw = (await cookies()).get(sessionCookieName(secureCookies))?.value;
  const token = await decodeSessionToken(raw, authSecret);
  if (!token) return null;
  const fresh = await checkSessionFreshness(token);
  return fresh.kind === "refused" ? null : fresh.token;
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
  const claims = await loadClaims(await getPrisma(), key.userId, Date.now());
  return claims?.roles ?? [];
}

/** The user's role names, looked up once per request (not part of CurrentUser: most requests never show them). */
export const getRoleNames = cache((user: CurrentUser): Promise<string[]> =>
  roleNamesOf({ userId: user.id, permissionsUpdatedAt: user.permissionsUpdatedAt, grantExp: user.grantExp }),
);

/** What the browser is told about the user's claims when a page renders. */
export async function claimsOf(user: CurrentUser): Promise<ClientClaims> {
  return {
    roles: await getRoleNames(user),
    permissions: user.permissions,
    permissionsUpdatedAt: user.permissionsUpdatedAt,
  };
}
