// Runs before every page and API request. It refreshes the session and never
// decides access (the guards do): when the user's permission stamp has moved,
// their claims are rebuilt, the cookie is re-issued, and the request's own
// Cookie header is rewritten so that this very request is served with them;
// a session that cannot be checked gets 503 (fail closed).
export { liveClaimsProxy as proxy } from "@/lib/auth/proxy";

export const config = { matcher: ["/((?!api/auth|_next/static|_next/image|favicon.ico).*)"] };
