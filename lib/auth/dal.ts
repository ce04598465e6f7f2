// The data access layer for authorization: pages, route handlers and server
// actions call these, never getServerSession directly. The session read runs
// the jwt callback, so its claims are always fresh; React's cache makes it
// one read per request however many components ask.
import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Permission } from "@/lib/permissions/catalogue";
import { hasPermission } from "@/lib/permissions/check";
import { authOptions } from "./options";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  roles: string[];
  permissions: string[];
  permissionsUpdatedAt: number;
};

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  return {
    id: session.user.id,
    email: session.user.email,
    name: session.user.name,
    roles: session.roles,
    permissions: session.permissions,
    permissionsUpdatedAt: session.permissionsUpdatedAt,
  };
});

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
