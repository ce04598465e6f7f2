import { PERMISSION_DESCRIPTIONS, permissionsByArea, type Permission } from "@/lib/permissions/catalogue";

/** The permission catalogue grouped by area, as the permission matrix shows it. */
export function catalogueAreas() {
  return [...permissionsByArea()].map(([area, permissions]) => ({
    area,
    permissions: permissions.map((name) => ({
      name,
      description: PERMISSION_DESCRIPTIONS[name as Permission],
    })),
  }));
}

export function grantedByRole(roles: { id: string; permissions: string[] }[]): Record<string, string[]> {
  return Object.fromEntries(roles.map((r) => [r.id, r.permissions]));
}
