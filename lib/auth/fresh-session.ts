// Server code without `import "server-only"`, which throws in the Pages Router
// route pages/api/me/events.ts that uses it; eslint.config.mjs keeps it out of
// client code.
// The session check of a request, in one place: decode the session cookie,
// then the freshness check that every request runs. Free of next/headers, so
// the Pages Router route that serves the event stream (pages/api/me/events.ts)
// can use it with the raw Cookie header; current-session.ts feeds it the
// App Router's cookies().
import { parseCookie } from "next/dist/compiled/@edge-runtime/cookies";
import { env } from "@/lib/env";
import { refreshToken } from "./refresh";
import { sessionCookieName } from "./session-cookie";
import { decodeSessionToken } from "./session-token";
import type { AuthToken } from "./token";

/**
 * The token in the session cookie's value with fresh claims, or null when
 * missing, expired, tampered with, revoked or disabled. Never re-encodes the
 * token: only the proxy writes the cookie.
 */
export async function freshSessionOf(raw: string | undefined): Promise<AuthToken | null> {
  const token = await decodeSessionToken(raw, env().authSecret);
  if (!token) return null;
  const fresh = await refreshToken(token);
  return fresh.kind === "refused" ? null : fresh.token;
}

/** The same, from a request's Cookie header, parsed as Next parses it for cookies(). */
export function freshSessionFromCookieHeader(header: string | undefined): Promise<AuthToken | null> {
  const name = sessionCookieName(env().secureCookies);
  return freshSessionOf(header ? parseCookie(header).get(name) : undefined);
}
