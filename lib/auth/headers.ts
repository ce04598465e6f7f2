/** Carries the permission stamp (ms) the response was served with; the client refetches when it moves. */
export const PERMISSIONS_HEADER = "X-Permissions-Updated";

/**
 * The path and query of the page being rendered, set by the proxy on every
 * request it lets through (whatever a client sent under this name is
 * replaced), so a guard can send a signed-out user back here after sign-in.
 */
export const REQUEST_PATH_HEADER = "x-live-authz-path";
