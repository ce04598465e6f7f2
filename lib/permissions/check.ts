// Every permission check in the app, server and browser. The scope comes from
// the catalogue: a platform permission is looked up among the global grants
// only, so a role held in an organization can never open a platform page,
// action or API, whatever list a caller passes.
import { type Permission, scopeOf } from "./catalogue";

type PermissionHolder = {
  /** In effect in the active organization: global grants ∪ that organization's membership grants. */
  permissions: readonly Permission[];
  /** Granted by global roles: the only permissions that count on the platform. */
  globalPermissions: readonly Permission[];
};

export function hasPermission(holder: PermissionHolder, permission: Permission): boolean {
  const held = scopeOf(permission) === "platform" ? holder.globalPermissions : holder.permissions;
  return held.includes(permission);
}

export function hasAllPermissions(holder: PermissionHolder, required: readonly Permission[]): boolean {
  return required.every((p) => hasPermission(holder, p));
}

export function hasAnyPermission(holder: PermissionHolder, wanted: readonly Permission[]): boolean {
  return wanted.some((p) => hasPermission(holder, p));
}
