import type { Permission } from "./catalogue";

export type PermissionHolder = { permissions: readonly string[] };

export function hasPermission(holder: PermissionHolder, permission: Permission): boolean {
  return holder.permissions.includes(permission);
}

export function hasAllPermissions(holder: PermissionHolder, required: readonly Permission[]): boolean {
  return required.every((p) => holder.permissions.includes(p));
}

export function hasAnyPermission(holder: PermissionHolder, wanted: readonly Permission[]): boolean {
  return wanted.some((p) => holder.permissions.includes(p));
}
