// The permission catalogue: every permission the code can check. Roles (in the
// database) map to these names; code checks permissions, never role names.
// Append new permissions at the end: the packed token format relies on order,
// and a changed catalogue invalidates packed claims through its fingerprint.

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

export const PERMISSION_DESCRIPTIONS: Record<Permission, string> = {
  "reports.read": "View reports",
  "reports.export": "Export reports",
  "users.read": "View users",
  "users.manage": "Change users, their roles and sessions",
  "roles.manage": "Create, edit and delete roles and their permissions",
  "audit.read": "Read the audit log",
  "members.manage": "Manage the members of one's own organization (held through a membership there)",
};

const known: ReadonlySet<string> = new Set(PERMISSIONS);

export function isPermission(value: string): value is Permission {
  return known.has(value);
}

/** Groups permissions by their area, the part before the first dot. */
export function permissionsByArea(permissions: readonly string[] = PERMISSIONS): Map<string, string[]> {
  const areas = new Map<string, string[]>();
  for (const p of permissions) {
    const area = p.split(".")[0] ?? p;
    areas.set(area, [...(areas.get(area) ?? []), p]);
  }
  return areas;
}
