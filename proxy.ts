// Runs before every page and API request (Node.js runtime). It is optimistic:
// it refreshes and annotates the session, while real authorization happens in
// the data access layer (lib/auth/guards.ts). It is the one place that re-writes
// the session cookie, and it rewrites the request's Cookie header as well, so
// the Server Components rendering this same request already see the new claims.
// Every response it lets through or answers carries a Content-Security-Policy
// with a fresh nonce, which Next also reads from the request to mark its own
// scripts (lib/security/headers.ts).
import { type NextRequest, NextResponse } from "next/server";
import { PERMISSIONS_UNAVAILABLE, REQUEST_PATH_HEADER, refreshSession, SESSION_ENDED } from "@/lib/auth";
import { bearerTokenOf, corsHeaders, preflightResponse } from "@/lib/sessions";
import { env } from "@/lib/env";
import { isPublicPage, routeOf } from "@/lib/navigation";
import { bodyLimitRefusal } from "@/lib/security/body-limit";
import {
  contentSecurityPolicy,
  createNonce,
  requestHeadersWithPolicy,
  setResponseSecurityHeaders,
} from "@/lib/security/headers";

// Every path but Next's own build output and image optimizer, where no guard
// runs: on the others the proxy at least bounds the body and removes the
// internal headers a client may have sent (see passThrough).
export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};

/** next-auth's routes and files by name: no session work here, and no nonce policy (next.config.js sets theirs). */
const PASS_THROUGH = /^\/api\/auth(\/|$)|^\/favicon\.ico$|\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt)$/;

export async function proxy(request: NextRequest): Promise<NextResponse | Response> {
  const tooLarge = bodyLimitRefusal(request.headers);
  if (tooLarge) return tooLarge;
  if (PASS_THROUGH.test(request.nextUrl.pathname)) return passThrough(request);
  const { nodeEnv, secureCookies, corsOrigins } = env();
  const origin = request.headers.get("origin");
  if (isApi(request) && request.method === "OPTIONS") return preflightResponse(origin, corsOrigins);
  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, {
    development: nodeEnv === "development",
    secure: secureCookies,
  });
  // Called once the request's cookies are final: the page renders with these headers.
  const next = () => {
    const headers = requestHeadersWithPolicy(request.headers, policy, nonce);
    headers.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
    return NextResponse.next({ request: { headers } });
  };
  const response = isDecodable(request.nextUrl.pathname) ? await respond(request, next) : notFound();
  setResponseSecurityHeaders(response, policy, secureCookies);
  if (isApi(request)) {
    response.headers.append("Vary", "Origin");
    for (const [name, value] of Object.entries(corsHeaders(origin, corsOrigins)))
      response.headers.set(name, value);
  }
  return response;
}

async function respond(request: NextRequest, next: () => NextResponse): Promise<NextResponse> {
  // A token client's API call: the route handler judges the token (withUser); no cookie is read or set.
  if (isApi(request) && bearerTokenOf(request.headers) !== null) return next();
  // The core's part (lib/auth/proxy.ts): check the session; a rebuilt token is already this request's cookie.
  const session = await refreshSession(request);
  switch (session.kind) {
    case "none":
      // A path that is no page of ours answers 404 at once: signing in first would only lead there.
      return isPublic(request) || !routeOf(request.nextUrl.pathname) ? next() : toSignIn(request);
    case "unavailable":
      return unavailable(request);
    case "refused":
      return refuse(request, session.cookieName, next);
    default:
      // Its cookie when re-issued (never past the session's absolute lifetime), and the stamp header.
      return session.finish(next());
  }
}

/** Only what a client may not send is changed: the request goes on without the internal path header. */
function passThrough(request: NextRequest): NextResponse {
  const headers = new Headers(request.headers);
  headers.delete(REQUEST_PATH_HEADER);
  return NextResponse.next({ request: { headers } });
}

/**
 * Next 16 answers 500 for a dynamic segment it cannot percent-decode
 * (`/admin/users/a%FFb`), before any page code runs. No route of ours has
 * such a path, so it is a 404 here.
 */
function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function notFound(): NextResponse {
  return new NextResponse("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

function isApi(request: NextRequest): boolean {
  return request.nextUrl.pathname.startsWith("/api/");
}

/** APIs answer 401 themselves; the public pages (sign-in, password reset) and the token keys (JWKS) are open to everyone. */
function isPublic(request: NextRequest): boolean {
  const path = request.nextUrl.pathname;
  return isApi(request) || isPublicPage(path) || path === "/.well-known/jwks.json";
}

function toSignIn(request: NextRequest): NextResponse {
  const url = new URL("/sign-in", request.url);
  url.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

/** Revoked, disabled or deleted: clear the cookie; pages go to sign-in, APIs get 401. */
function refuse(request: NextRequest, cookieName: string, next: () => NextResponse): NextResponse {
  let response: NextResponse;
  if (isApi(request)) response = NextResponse.json({ error: SESSION_ENDED }, { status: 401 });
  else if (isPublic(request)) response = next();
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
