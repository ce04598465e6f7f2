// The permission catalogue: every permission the code can check. Roles (in the
// database) map to these names; code checks permissions, never role names.
// Append new permissions at the end: the packed token format relies on order,
// and a changed catalogue invalidates packed claims through its fingerprint.
//
// Each permission names the place where it may count (its scope):
// - "platform": granted by a global role only, and it counts on the platform
//   (every user, every role, the audit log). A membership never carries it.
// - "organization": may be granted by a membership too; it then counts in that
//   organization only, on its own data and members. A global grant of it counts
//   in every organization the user works in.
// The claims keep the two sources apart (lib/auth/claims.ts) and every check
// reads the scope from here (./check.ts), so no page or action decides it.

export const PERMISSIONS = [
  "reports.read",
  "reports.export",
  "users.read",
  "users.manage",
  "roles.manage",
  "audit.read",
  "members.manage",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const known: ReadonlySet<string> = new Set(PERMISSIONS);

export function isPermission(value: string): value is Permission {
  return known.has(value);
}

type PermissionScope = "platform" | "organization";

export const PERMISSION_SCOPES = {
  "reports.read": "organization",
  "reports.export": "organization",
  "users.read": "platform",
  "users.manage": "platform",
  "roles.manage": "platform",
  "audit.read": "platform",
  "members.manage": "organization",
} as const satisfies Record<Permission, PermissionScope>;

/** Permissions that count only when a global role grants them. */
type PlatformPermission = {
  [P in Permission]: (typeof PERMISSION_SCOPES)[P] extends "platform" ? P : never;
}[Permission];

/** Permissions a membership may carry, counted in that organization only. */
type OrganizationPermission = Exclude<Permission, PlatformPermission>;

export function scopeOf(permission: Permission): PermissionScope {
  return PERMISSION_SCOPES[permission];
}

/**
 * The global permission that makes a platform admin: inside every
 * organization, without a membership (claims, organization lists, reports).
 */
export const PLATFORM_ADMIN_PERMISSION = "users.manage" satisfies PlatformPermission;

export const isPlatformAdminBy = (globalPermissions: readonly string[]): boolean =>
  globalPermissions.includes(PLATFORM_ADMIN_PERMISSION);

/** Either one lets you manage an organization's members: members.manage held in it, or a platform admin's. */
export const MEMBER_MANAGING_PERMISSIONS = [
  PLATFORM_ADMIN_PERMISSION,
  "members.manage",
] as const satisfies readonly Permission[];

/** Whether a membership may count this name: a catalogue permission of organization scope. */
export function isOrganizationPermission(value: string): value is OrganizationPermission {
  return isPermission(value) && PERMISSION_SCOPES[value] === "organization";
}

/** In catalogue order. */
export const ORGANIZATION_PERMISSIONS: readonly OrganizationPermission[] =
  PERMISSIONS.filter(isOrganizationPermission);

export const PERMISSION_DESCRIPTIONS: Record<Permission, string> = {
  "reports.read": "View reports",
  "reports.export": "Export reports",
  "users.read": "View users",
  "users.manage": "Change users, their roles and sessions",
  "roles.manage": "Create, edit and delete roles and their permissions",
  "audit.read": "Read the audit log",
  "members.manage": "Manage the members of an organization",
};

/** Groups permissions by their area, the part before the first dot. */
export function permissionsByArea(permissions: readonly string[] = PERMISSIONS): Map<string, string[]> {
  const areas = new Map<string, string[]>();
  for (const p of permissions) {
    const area = p.split(".")[0] ?? p;
    areas.set(area, [...(areas.get(area) ?? []), p]);
  }
  return areas;
}
