// lib/auth: who is asking, and may they. The public entry for app/, components/
// and the rest of lib/ (client components import ./protocol.ts instead).
//
// The request path (every page, API call and server action):
//   proxy.ts → decodeSessionToken (./session-cookie.ts) → checkSessionFreshness (./fresh-session.ts)
//     → ensureFreshClaims (./freshness.ts): token's permissionsUpdatedAt vs StampCache.read (./stamp-cache.ts)
//     → on a mismatch loadClaims (./claims.ts) → withClaims (./token.ts) → encodeSessionToken, Set-Cookie
//   then the page or handler: requirePermission / requireUser (./guards.ts; pages via lib/page-guard.ts),
//   withUser (./route-guard.ts) or protectedAction → loadActor (./guards.ts, permissions read now)
//     → getCurrentUser (./session.ts) → readFreshSession → freshSessionOf → checkSessionFreshness
//
// The change path (an admin, a script or psql changes someone's access):
//   database triggers bump "User"."permissionsUpdatedAt" and NOTIFY authz_changes (prisma/migrations)
//     → ChangeListener.onChange (lib/db/change-listener.ts) → connectListener (lib/live/wiring.ts)
//     → StampCache.invalidate (./stamp-cache.ts): the user's next request rebuilds its claims;
//   an in-app change also waits for its own echo: protectedAction → settleChanges (lib/live/instance.ts)
//
// The push path (an open tab learns without a request):
//   the same onChange → ChangeHub.changed (lib/live/change-hub.ts) → PermissionStream.wake
//     (lib/push/permission-stream.ts) → checkSessionFreshness → "permissions" event
//     → subscribeSharedPermissionEvents (lib/client/shared-permission-events.ts: one tab holds
//     the stream of lib/client/permission-events.ts) → ClaimsProvider refetches
//     GET /api/me/permissions and router.refresh()
//
// Token clients (docs/CLIENTS.md; lib/sessions):
//   POST /api/tokens → signInForTokens (lib/sessions/grants.ts): attemptSignIn, a "token" row in the
//     session registry (./session-registry.ts), issueAccessToken (lib/sessions/access-token.ts)
//   Authorization: Bearer on /api/* → withUser (lib/sessions/route-guard.ts: ./route-guard.ts with
//     bearer tokens as its TokenSource) → bearerSession (lib/sessions/bearer.ts): verifyAccessToken,
//     then the same checkSessionFreshness; rebuilt claims → a new token in X-Access-Token
//   every rebuild asks sessionEnded (./session-registry.ts): ending a row moves the owner's stamp (a trigger)
//
// Signing in (next-auth's options, the sign-in limits, the client address) is lib/sign-in;
// organizations are lib/tenancy. Both build on this folder; it imports neither.
//
// docs/ARCHITECTURE.md draws the three paths.

export {
  type Actor,
  checkPermission,
  loadActor,
  REQUEST_PATH_HEADER,
  requirePermission,
  requireUser,
} from "./guards";
export * from "./protocol";
export { jsonError, routeGuard, type TokenSource } from "./route-guard";
export { checkSessionFreshness, freshSessionFromCookieHeader } from "./fresh-session";
export { claimsOf, type CurrentUser, getCurrentUser, getRoleNames, readFreshSession } from "./session";
export {
  decodeSessionToken,
  encodeSessionToken,
  sessionCookieName,
  sessionCookieOptions,
} from "./session-cookie";
export type { ActiveOrganization } from "./protocol";
export { type AuthToken, permissionsUpdatedAtOf, sameClaims } from "./token";
export { logUnavailable } from "./unavailable-log";
export { authConfig, FRESHNESS_MODES, type FreshnessMode, usesStampCache } from "./config";
export { type ClaimsExtension, configureLiveClaims, type LiveClaimsHost, type ScopeClaims } from "./host";
export { databaseStamps, StampCache, type StampSource } from "./stamp-cache";
export { liveClaimsProxy, refreshSession, type SessionRefresh } from "./proxy";
export { refreshedToken, SessionRefusedError, signInToken } from "./next-auth-token";
export { activeSessions, type SessionView } from "./session-registry";
