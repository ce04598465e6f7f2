import { type CurrentUser, getRoleNames } from "@/lib/auth";
import { organizationsOf } from "@/lib/tenancy";

/** The body of GET /api/me/permissions, and of a successful PUT /api/me/organization. */
export async function permissionsBody(user: CurrentUser) {
  return {
    user: { id: user.id, email: user.email, name: user.name },
    roles: await getRoleNames(user),
    // In effect in the active organization; globalPermissions are those of global
    // roles, the only ones that count on the platform. The rest came with the membership.
    permissions: user.permissions,
    globalPermissions: user.globalPermissions,
    permissionsUpdatedAt: user.permissionsUpdatedAt,
    organization: user.organization,
    organizationChosenAt: user.organizationChosenAt,
    organizations: await organizationsOf(user),
  };
}
