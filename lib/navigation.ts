// The app's navigation. Each entry names the permission it needs (or a list,
// any one of which will do), so the header shows exactly the links the
// signed-in user can use, and hides them again as soon as the client hears
// that the permissions changed.
import type { Permission } from "@/lib/permissions/catalogue";

export type NavItem = { href: string; label: string; permission?: Permission | readonly Permission[] };

/** The admin dashboard's pages, in the order /admin picks the first one the user may open. */
export const ADMIN_NAV: readonly (NavItem & { permission: Permission })[] = [
  { href: "/admin/users", label: "Users", permission: "users.read" },
  { href: "/admin/roles", label: "Roles", permission: "roles.manage" },
  { href: "/admin/audit", label: "Audit log", permission: "audit.read" },
];

export const ADMIN_PERMISSIONS: readonly Permission[] = ADMIN_NAV.map((item) => item.permission);

export const MAIN_NAV: readonly NavItem[] = [
  { href: "/", label: "Home" },
  { href: "/reports", label: "Reports", permission: "reports.read" },
  { href: "/admin", label: "Admin", permission: ADMIN_PERMISSIONS },
];

export function canOpen(permissions: readonly string[], item: NavItem): boolean {
  if (!item.permission) return true;
  const anyOf: readonly string[] = typeof item.permission === "string" ? [item.permission] : item.permission;
  return anyOf.some((p) => permissions.includes(p));
}

export function visibleNav(permissions: readonly string[], items: readonly NavItem[] = MAIN_NAV): NavItem[] {
  return items.filter((item) => canOpen(permissions, item));
}
