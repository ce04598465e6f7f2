/** Carries the permission stamp (ms) the response was served with; the client refetches when it moves. */
export const PERMISSIONS_HEADER = "X-Permissions-Updated";
