// The session check of a request, in one place: decode the session cookie,
// then the freshness check that every request runs (checkSessionFreshness:
// ensureFreshClaims wired to the host's database (./host.ts) and the configured mode). The
// proxy, next-auth's jwt callback, the App Router's data access layer
// (./session.ts feeds it cookies()) and the event streams all go through it.
//
// Server code without `import "server-only"`, which throws in the Pages Router
// route pages/api/me/events.ts that uses it; the import rules
// (eslint.layers.mjs) keep it out of client code instead. Free of
// next/headers for the same reason: that route passes the raw Cookie header.
import { parseCookie } from "next/dist/compiled/@edge-runtime/cookies";
import { loadClaims } from "./claims";
import { authConfig, usesStampCache } from "./config";
import {
  type CheckTimes,
  ensureFreshClaims,
  type Freshness,
  type FreshnessDeps,
  PERMISSIONS_CHANGED,
} from "./freshness";
import { liveClaimsHost } from "./host";
import { lastSeenFor } from "./last-seen";
import { endSession, sessionEnded } from "./session-registry";
import { onePerProcess, processSlot } from "@/lib/process-state";
import { decodeSessionToken, sessionCookieName } from "./session-cookie";
import { databaseStamps } from "./stamp-cache";
import type { AuthToken } from "./token";

/** Mode off never reads the database (ensureFreshClaims only checks the lifetime). */
const NO_DATABASE: Pick<FreshnessDeps, "stamps" | "loadClaims"> = {
  stamps: { read: () => Promise.reject(new Error("mode off reads no stamps")) },
  loadClaims: () => Promise.reject(new Error("mode off loads no claims")),
};

/** lazy's check times of this instance: at most this many sessions, the least recently checked forgotten first. */
export const MAX_LAZY_SESSIONS = 10_000;

const checkTimesSlot = processSlot<Map<string, number>>("lazyCheckTimes");

function lazyCheckTimes(): CheckTimes {
  const memo = onePerProcess(checkTimesSlot, () => new Map<string, number>());
  return {
    lastCheck: (session) => memo.get(session),
    checked(session, at) {
      memo.delete(session); // re-inserted last: Map keeps insertion order
      memo.set(session, at);
      if (memo.size > MAX_LAZY_SESSIONS) memo.delete(memo.keys().next().value!);
    },
  };
}

/**
 * Whether this session may go on, and with which claims: ensureFreshClaims
 * wired to the app's database and configured mode (AUTH_FRESHNESS). Never
 * re-encodes the token; the proxy does that when the claims were rebuilt.
 */
export async function checkSessionFreshness(token: AuthToken): Promise<Freshness> {
  const { freshness: mode, freshnessSeconds, sessionLifetimeSeconds: lifetimeSeconds } = authConfig();
  const now = Date.now();
  if (mode === "off") return ensureFreshClaims(token, { mode, now, lifetimeSeconds, ...NO_DATABASE });
  const host = liveClaimsHost();
  const prisma = await host.prisma();
  // Memory only; a write at most once a minute per session, not awaited (./last-seen.ts).
  if (token.sid) lastSeenFor(prisma).touch(token.sid, now);
  const fresh = await ensureFreshClaims(token, {
    mode,
    now,
    lifetimeSeconds,
    intervalMs: freshnessSeconds * 1000,
    checks: mode === "lazy" ? lazyCheckTimes() : undefined,
    // cached and reauth: this instance's stamp cache (the host's); strict and lazy: a database read.
    stamps: usesStampCache(mode) && host.stampCache ? await host.stampCache() : databaseStamps(prisma),
    loadClaims: (userId, now, activeOrgId) =>
      loadClaims(prisma, userId, now, activeOrgId, host.claimsExtension ?? null),
    sessionEnded: (userId, sessionId) => sessionEnded(prisma, userId, sessionId),
  });
  // reauth ends the row too, so no credential of this session (a refresh token) outlives it.
  if (fresh.kind === "refused" && fresh.reason === PERMISSIONS_CHANGED && token.sid)
    await endSession(prisma, token.sub, token.sid, "permissions_changed");
  return fresh;
}

/**
 * The token in the session cookie's value with fresh claims, or null when
 * missing, expired, tampered with, revoked or disabled. Never re-encodes the
 * token: only the proxy writes the cookie.
 */
export async function freshSessionOf(raw: string | undefined): Promise<AuthToken | null> {
  const token = await decodeSessionToken(raw, authConfig().authSecret);
  if (!token) return null;
  const fresh = await checkSessionFreshness(token);
  return fresh.kind === "refused" ? null : fresh.token;
}

/** The same, from a request's Cookie header, parsed as Next parses it for cookies(). */
export function freshSessionFromCookieHeader(header: string | undefined): Promise<AuthToken | null> {
  const name = sessionCookieName(authConfig().secureCookies);
  return freshSessionOf(header ? parseCookie(header).get(name) : undefined);
}
