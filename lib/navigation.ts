// Every signed-in page, with the permission it needs, and the links to them.
// One table: a page opens with requirePage(route) (lib/page-guard.ts), which
// reads its permission from here, and a link shows exactly when its page would
// open, so the header and the pages never disagree. A test lists
// app/**/page.tsx and fails for a page that is missing here or does not guard
// itself with its own route.
// The organizations pages: platform admins and organization admins (who see their own only).
import { MEMBER_MANAGING_PERMISSIONS, type Permission } from "@/lib/permissions/catalogue";

/** What a page needs: any signed-in user (null), one permission, or any one of several. */
type PageAccess = { permission: Permission | readonly Permission[] | null };

/** The admin permissions, in the order /admin picks the first section the user may open. */
const ADMIN_PERMISSIONS = [
  "users.read",
  "roles.manage",
  "audit.read",
  "members.manage",
] as const satisfies readonly Permission[];

/** Every page under app/(app), by route pattern (dynamic segments as in the folder names). */
export const PAGES = {
  "/": { permission: null },
  "/profile": { permission: null },
  "/reports": { permission: "reports.read" },
  "/admin": { permission: ADMIN_PERMISSIONS },
  "/admin/users": { permission: "users.read" },
  "/admin/users/[id]": { permission: "users.read" },
  "/admin/roles": { permission: "roles.manage" },
  "/admin/roles/[id]": { permission: "roles.manage" },
  "/admin/audit": { permission: "audit.read" },
  "/admin/organizations": { permission: MEMBER_MANAGING_PERMISSIONS },
  "/admin/organizations/[id]": { permission: MEMBER_MANAGING_PERMISSIONS },
} as const satisfies Record<string, PageAccess>;

export type PageRoute = keyof typeof PAGES;

/**
 * Pages anyone may open, signed in or not (app/(auth), and the dev mailbox,
 * which answers 404 wherever mail really leaves). The sign-in page comes first.
 */
export const PUBLIC_PAGES = [
  "/sign-in",
  "/forgot-password",
  "/reset-password/[token]",
  "/sign-up",
  "/sign-up/[token]",
  "/invitations/[token]",
  "/dev/mailbox",
] as const;

/** Whether a URL path is one of PUBLIC_PAGES ("[x]" matches one segment). */
export function isPublicPage(pathname: string): boolean {
  const parts = pathname.split("/").filter(Boolean);
  return PUBLIC_PAGES.some((page) => {
    const pattern = page.split("/").filter(Boolean);
    return pattern.length === parts.length && pattern.every((p, i) => p.startsWith("[") || p === parts[i]);
  });
}

export type NavItem = { href: PageRoute; label: string };

export const MAIN_NAV: readonly NavItem[] = [
  { href: "/", label: "Home" },
  { href: "/reports", label: "Reports" },
  { href: "/admin", label: "Admin" },
  { href: "/profile", label: "Profile" },
];

/** The admin dashboard's sections, in the order /admin picks the first one the user may open. */
export const ADMIN_NAV: readonly NavItem[] = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/roles", label: "Roles" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/organizations", label: "Organizations" },
];

/** The permissions a page accepts (any one will do); empty when any signed-in user may open it. */
export function acceptedPermissions(access: PageAccess): readonly Permission[] {
  const { permission } = access;
  if (permission === null) return [];
  return typeof permission === "string" ? [permission] : permission;
}

/** Whether someone holding `permissions` may open the page. */
export function mayOpen(permissions: readonly string[], access: PageAccess): boolean {
  const accepted = acceptedPermissions(access);
  return access.permission === null || accepted.some((p) => permissions.includes(p));
}

export function canOpen(permissions: readonly string[], item: NavItem): boolean {
  return mayOpen(permissions, PAGES[item.href]);
}

export function visibleNav(permissions: readonly string[], items: readonly NavItem[] = MAIN_NAV): NavItem[] {
  return items.filter((item) => canOpen(permissions, item));
}

/** The registered route a URL path belongs to ("/admin/users/u1" → "/admin/users/[id]"), or null. */
export function routeOf(pathname: string): PageRoute | null {
  const parts = pathname.split("/").filter(Boolean);
  const routes = Object.keys(PAGES) as PageRoute[];
  // Static segments win over dynamic ones: "/admin/users" is not "/admin/[x]".
  const matches = routes.filter((route) => {
    const pattern = route.split("/").filter(Boolean);
    return pattern.length === parts.length && pattern.every((p, i) => p.startsWith("[") || p === parts[i]);
  });
  return matches.sort((a, b) => dynamicCount(a) - dynamicCount(b))[0] ?? null;
}

const dynamicCount = (route: string) => route.split("[").length - 1;
