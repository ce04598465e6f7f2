// The data access layer for authorization: pages, route handlers and server
// actions call these, never read the session themselves. The session read
// checks freshness, so its claims are always current; React's cache makes it
// one read per request however many components ask.
import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import type { Permission } from "@/lib/permissions/catalogue";
import { hasPermission } from "@/lib/permissions/check";
import { PAGES, type PageRoute } from "@/lib/navigation";
import { readFreshSession } from "./current-session";
import { REQUEST_PATH_HEADER } from "./headers";
import { roleNamesOf } from "./role-names";
import { type TokenUser, userOfToken } from "./token";

/** The signed-in user, as the session's (fresh) claims describe them. */
export type CurrentUser = TokenUser;

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const token = await readFreshSession();
  return token ? userOfToken(token) : null;
});

/**
 * The user's role names, for pages that show them. Not part of CurrentUser:
 * requests that never display them (most API calls) never look them up.
 */
export const getRoleNames = cache((user: CurrentUser): Promise<string[]> =>
  roleNamesOf({ userId: user.id, permissionsUpdatedAt: user.permissionsUpdatedAt, grantExp: user.grantExp }),
);

/** The path (with query) the proxy saw for this request, to come back to after signing in. */
async function currentPath(): Promise<string> {
  return (await headers()).get(REQUEST_PATH_HEADER) ?? "/";
}

/** For pages: the signed-in user, or a redirect to the sign-in page (and back here afterwards). */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(await currentPath())}`);
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
  if (!anyOf.some((p) => hasPermission(user, p))) forbidden();
  return user;
}

/**
 * How every signed-in page starts: the permission comes from the page table
 * (lib/navigation.ts), so the page, its link and the test that lists every
 * page agree. A page any signed-in user may open gets requireUser().
 */
export async function requirePage(route: PageRoute): Promise<CurrentUser> {
  const { permission } = PAGES[route];
  return permission === null ? requireUser() : requirePermission(permission);
}

/** Whether the user holds `permission`: the one check that does not end the request. */
export function checkPermission(user: CurrentUser, permission: Permission): boolean {
  return hasPermission(user, permission);
}
