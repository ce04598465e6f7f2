// The session check of a request, in one place: decode the session cookie,
// then the freshness check that every request runs (checkSessionFreshness:
// ensureFreshClaims wired to the app's database and configured mode). The
// proxy, next-auth's jwt callback, the App Router's data access layer
// (./session.ts feeds it cookies()) and the event streams all go through it.
//
// Server code without `import "server-only"`, which throws in the Pages Router
// route pages/api/me/events.ts that uses it; the import rules
// (eslint.layers.mjs) keep it out of client code instead. Free of
// next/headers for the same reason: that route passes the raw Cookie header.
import { parseCookie } from "next/dist/compiled/@edge-runtime/cookies";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { databaseStamps, liveInstance } from "@/lib/live";
import { loadClaims } from "./claims";
import { ensureFreshClaims, type Freshness, type FreshnessDeps } from "./freshness";
import { lastSeenFor } from "./last-seen";
import { sessionEnded } from "./session-registry";
import { decodeSessionToken, sessionCookieName } from "./session-cookie";
import type { AuthToken } from "./token";

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
  // Memory only; a write at most once a minute per session, not awaited (./last-seen.ts).
  if (token.sid) lastSeenFor(db.prisma).touch(token.sid, now);
  return ensureFreshClaims(token, {
    mode,
    now,
    lifetimeSeconds,
    // strict: one database read per check; cached: this instance's stamp cache (lib/live).
    stamps: mode === "strict" ? databaseStamps(db.prisma) : (await liveInstance()).cache,
    loadClaims: (userId, now, activeOrgId) => loadClaims(db.prisma, userId, now, activeOrgId),
    sessionEnded: (userId, sessionId) => sessionEnded(db.prisma, userId, sessionId),
  });
}

/**
 * The token in the session cookie's value with fresh claims, or null when
 * missing, expired, tampered with, revoked or disabled. Never re-encodes the
 * token: only the proxy writes the cookie.
 */
export async function freshSessionOf(raw: string | undefined): Promise<AuthToken | null> {
  const token = await decodeSessionToken(raw, env().authSecret);
  if (!token) return null;
  const fresh = await checkSessionFreshness(token);
  return fresh.kind === "refused" ? null : fresh.token;
}

/** The same, from a request's Cookie header, parsed as Next parses it for cookies(). */
export function freshSessionFromCookieHeader(header: string | undefined): Promise<AuthToken | null> {
  const name = sessionCookieName(env().secureCookies);
  return freshSessionOf(header ? parseCookie(header).get(name) : undefined);
}
