// The proxy's part of the core: the one place a session cookie is re-issued.
// refreshSession checks the request's session and, when its claims were
// rebuilt, rewrites the request's own cookie (so this very request renders
// with the new claims) and says what the response must carry; the app's
// proxy decides what to answer around it (ours: proxy.ts). liveClaimsProxy is
// the whole proxy of an app that needs nothing more (docs/ADOPT.md):
//   export { liveClaimsProxy as proxy } from "@/lib/auth/proxy";
import { type NextRequest, NextResponse } from "next/server";
import { authConfig } from "./config";
import { checkSessionFreshness } from "./fresh-session";
import { PERMISSIONS_HEADER, PERMISSIONS_UNAVAILABLE } from "./protocol";
import {
  decodeSessionToken,
  encodeSessionToken,
  sessionCookieName,
  sessionCookieOptions,
} from "./session-cookie";
import { type AuthToken, permissionsUpdatedAtOf } from "./token";
import { logUnavailable } from "./unavailable-log";

export type SessionRefresh =
  /** No session cookie, or one that is not ours (tampered with, expired). */
  | { kind: "none" }
  /** The check could not run (the database is down): serve nothing protected. */
  | { kind: "unavailable" }
  /** Revoked, disabled, deleted, past its lifetime: the request no longer carries the cookie. */
  | { kind: "refused"; cookieName: string }
  /** A valid session; `finish` puts its cookie (when re-issued) and stamp on the response. */
  | { kind: "current" | "rebuilt"; token: AuthToken; finish(response: NextResponse): NextResponse };

/**
 * The request's session, checked now. Mutates the request's cookies (a
 * rebuilt token replaces the old one, a refused one is removed): build the
 * response with `NextResponse.next({ request: { headers: request.headers } })`
 * after this call, so the page renders with what the browser will hold.
 */
export async function refreshSession(request: NextRequest): Promise<SessionRefresh> {
  const { authSecret, secureCookies } = authConfig();
  const cookieName = sessionCookieName(secureCookies);
  const token = await decodeSessionToken(request.cookies.get(cookieName)?.value, authSecret);
  if (!token) return { kind: "none" };
  let fresh;
  try {
    fresh = await checkSessionFreshness(token);
  } catch (error) {
    logUnavailable("proxy", error);
    return { kind: "unavailable" };
  }
  if (fresh.kind === "refused") {
    request.cookies.delete(cookieName);
    return { kind: "refused", cookieName };
  }
  const stamp = String(permissionsUpdatedAtOf(fresh.token));
  if (fresh.kind === "current")
    return { kind: "current", token: fresh.token, finish: (response) => withStamp(response, stamp) };
  const { value, maxAge } = await encodeSessionToken(fresh.token, authSecret);
  request.cookies.set(cookieName, value);
  return {
    kind: "rebuilt",
    token: fresh.token,
    finish(response) {
      response.cookies.set(cookieName, value, { ...sessionCookieOptions(secureCookies), maxAge });
      return withStamp(response, stamp);
    },
  };
}

function withStamp(response: NextResponse, stamp: string): NextResponse {
  response.headers.set(PERMISSIONS_HEADER, stamp);
  return response;
}

/** A whole proxy: refresh the session, clear a refused cookie, fail closed (503) when it cannot be checked. */
export async function liveClaimsProxy(request: NextRequest): Promise<NextResponse> {
  const session = await refreshSession(request);
  if (session.kind === "unavailable") return new NextResponse(PERMISSIONS_UNAVAILABLE, { status: 503 });
  const response = NextResponse.next({ request: { headers: request.headers } });
  if (session.kind === "refused") response.cookies.delete(session.cookieName);
  return session.kind === "current" || session.kind === "rebuilt" ? session.finish(response) : response;
}
