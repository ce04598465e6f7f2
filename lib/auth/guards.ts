// The guards. Pages, route handlers and server actions call these, never read
// the session themselves, and each guard either returns the narrowed user or
// ends the request: a redirect to sign in, or forbidden() (403, rendered by
// app/(app)/forbidden.tsx). checkPermission is the one check that does not
// end anything. Route handlers use withUser (./route-guard.ts); pages start
// with requirePage (lib/page-guard.ts), which names their permission.
import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { Permission } from "@/lib/permissions/catalogue";
import { hasAnyPermission, hasPermission } from "@/lib/permissions/check";
import { type Actor, actorFromClaims, loadClaims, refusalReason } from "./claims";
import { liveClaimsHost } from "./host";
import { type CurrentUser, getCurrentUser } from "./session";

export type { Actor };

/**
 * The path and query of the page being rendered, set by the proxy on every
 * request it lets through (whatever a client sent under this name is
 * replaced), so a guard can send a signed-out user back here after sign-in.
 */
export const REQUEST_PATH_HEADER = "x-live-authz-path";

async function currentPath(): Promise<string> {
  return (await headers()).get(REQUEST_PATH_HEADER) ?? "/";
}

/** For pages: the signed-in user, or a redirect to the sign-in page (and back here afterwards). */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) {
    const signIn = liveClaimsHost().signInPage ?? "/api/auth/signin";
    redirect(`${signIn}?callbackUrl=${encodeURIComponent(await currentPath())}`);
  }
  return user;
}

/**
 * For pages: the signed-in user holding `permission` (or any one of a list).
 * Otherwise the request ends here: a redirect to sign in, or forbidden(), which
 * answers 403 with app/(app)/forbidden.tsx instead of the page.
 */
export async function requirePermission(
  permission: Permission | readonly Permission[],
): Promise<CurrentUser> {
  const user = await requireUser();
  const anyOf: readonly Permission[] = typeof permission === "string" ? [permission] : permission;
  if (!hasAnyPermission(user, anyOf)) forbidden();
  return user;
}

/** Whether the user holds `permission`: the one check that does not end the request. */
export function checkPermission(user: CurrentUser, permission: Permission): boolean {
  return hasPermission(user, permission);
}

/**
 * For server actions and mutating route handlers: a session is required, and
 * the permissions it acts with are read from the database at this moment, not
 * from the token or the cache, so a grant revoked a millisecond ago no longer
 * counts. Null when signed out, revoked or disabled.
 */
export async function loadActor(): Promise<Actor | null> {
  const user = await getCurrentUser();
  if (!user) return null;
  const claims = await loadClaims(
    await liveClaimsHost().prisma(),
    user.id,
    Date.now(),
    user.organization?.id ?? null,
  );
  if (!claims || refusalReason(claims, user.authAt)) return null;
  return actorFromClaims(claims);
}
