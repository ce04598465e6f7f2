// The app's main navigation. Each entry names the permission it needs, so the
// header shows exactly the links the signed-in user can use, and hides them
// again as soon as the client hears that the permissions changed.
import type { Permission } from "@/lib/permissions/catalogue";

export type NavItem = { href: string; label: string; permission?: Permission };

export const MAIN_NAV: readonly NavItem[] = [
  { href: "/", label: "Home" },
  { href: "/reports", label: "Reports", permission: "reports.read" },
];

export function visibleNav(permissions: readonly string[], items: readonly NavItem[] = MAIN_NAV): NavItem[] {
  return items.filter((item) => !item.permission || permissions.includes(item.permission));
}
