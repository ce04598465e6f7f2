// Runs before every page and API request (Node.js runtime). It is optimistic:
// it refreshes and annotates the session, while real authorization happens in
// the data access layer (lib/auth/dal.ts). It is the one place that re-writes
// the session cookie, and it rewrites the request's Cookie header as well, so
// the Server Components rendering this same request already see the new claims.
import { type NextRequest, NextResponse } from "next/server";
import { PERMISSIONS_HEADER } from "@/lib/auth/headers";
import { PERMISSIONS_UNAVAILABLE } from "@/lib/auth/messages";
import { refreshToken } from "@/lib/auth/refresh";
import { logUnavailable } from "@/lib/auth/unavailable-log";
import { SESSION_MAX_AGE_SECONDS, sessionCookieName, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/session-token";
import { env } from "@/lib/env";

export const config = {
  matcher: [
    "/((?!api/auth|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt)$).*)",
  ],
};

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { authSecret, secureCookies } = env();
  const cookieName = sessionCookieName(secureCookies);
  const raw = request.cookies.get(cookieName)?.value;
  const token = await decodeSessionToken(raw, authSecret);
  if (!token) return isPublic(request) ? NextResponse.next() : toSignIn(request);

  let fresh;
  try {
    fresh = await refreshToken(token);
  } catch (error) {
    logUnavailable("proxy", error);
    return unavailable(request);
  }

  if (fresh.kind === "refused") return refuse(request, cookieName);

  let response: NextResponse;
  if (fresh.kind === "rebuilt") {
    const value = await encodeSessionToken(fresh.token, authSecret);
    request.cookies.set(cookieName, value);
    response = NextResponse.next({ request: { headers: request.headers } });
    response.cookies.set(cookieName, value, {
      ...sessionCookieOptions(secureCookies),
      maxAge: SESSION_MAX_AGE_SECONDS,
    });
  } else {
    response = NextResponse.next();
  }
  response.headers.set(PERMISSIONS_HEADER, String(fresh.token.permsAt));
  return response;
}

function isApi(request: NextRequest): boolean {
  return request.nextUrl.pathname.startsWith("/api/");
}

/** APIs answer 401 themselves; the sign-in page is the only page open to everyone. */
function isPublic(request: NextRequest): boolean {
  return isApi(request) || request.nextUrl.pathname === "/sign-in";
}

function toSignIn(request: NextRequest): NextResponse {
  const url = new URL("/sign-in", request.url);
  url.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

/** Revoked, disabled or deleted: clear the cookie; pages go to sign-in, APIs get 401. */
function refuse(request: NextRequest, cookieName: string): NextResponse {
  let response: NextResponse;
  if (isApi(request))
    response = NextResponse.json({ error: "Your session has ended. Sign in again." }, { status: 401 });
  else if (isPublic(request)) response = NextResponse.next();
  else response = toSignIn(request);
  response.cookies.delete(cookieName);
  return response;
}

/** Fail closed: when permissions cannot be checked, nothing protected is served. */
function unavailable(request: NextRequest): NextResponse {
  if (isApi(request)) return NextResponse.json({ error: PERMISSIONS_UNAVAILABLE }, { status: 503 });
  return new NextResponse(PERMISSIONS_UNAVAILABLE, {
    status: 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "5" },
  });
}
