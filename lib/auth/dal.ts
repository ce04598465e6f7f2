// The data access layer for authorization: pages, route handlers and server
// actions call these, never read the session themselves. The session read
// checks freshness, so its claims are always current; React's cache makes it
// one read per request however many components ask.
import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { type Permission, PERMISSIONS } from "@/lib/permissions/catalogue";
import { hasPermission } from "@/lib/permissions/check";
import { unpackPermissions } from "@/lib/permissions/pack";
import { readFreshSession } from "./current-session";
import { roleNamesOf } from "./role-names";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  permissions: string[];
  /** The permission stamp (ms) the claims were built from: what X-Permissions-Updated carries. */
  permissionsUpdatedAt: number;
  /** The nearest end (ms) of a time-bound grant the claims include, or null. */
  grantExp: number | null;
  /** When this session signed in (ms). */
  authAt: number;
};

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const token = await readFreshSession();
  if (!token) return null;
  return {
    id: token.sub,
    email: token.email ?? "",
    name: token.name ?? "",
    permissions: unpackPermissions(token.perms, PERMISSIONS),
    permissionsUpdatedAt: token.permsAt,
    grantExp: token.grantExp,
    authAt: token.authAt,
  };
});

/**
 * The user's role names, for pages that show them. Not part of CurrentUser:
 * requests that never display them (most API calls) never look them up.
 */
export const getRoleNames = cache((user: CurrentUser): Promise<string[]> =>
  roleNamesOf({ userId: user.id, permsAt: user.permissionsUpdatedAt, grantExp: user.grantExp }),
);

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requireUser(returnTo = "/"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

export type PermissionCheck = { user: CurrentUser; allowed: boolean };

/** For pages: signed in (or redirected), and whether the user holds `permission`. */
export async function requirePermission(permission: Permission, returnTo = "/"): Promise<PermissionCheck> {
  const user = await requireUser(returnTo);
  return { user, allowed: hasPermission(user, permission) };
}
