// The demo roles and users, as data: the seed writes them (./seed.ts), and the
// browser tests derive their personas and what each may do from them, so a
// change here (or to the catalogue) changes the tests' expectations with it.
import { PERMISSIONS, type Permission } from "@/lib/permissions/catalogue";

export const DEMO_PASSWORD = "demo1234";

export type DemoRole = { name: string; description: string; permissions: readonly Permission[] };

export const DEMO_ROLES: readonly DemoRole[] = [
  { name: "Admin", description: "Every permission", permissions: PERMISSIONS },
  {
    name: "Editor",
    description: "Reads and exports reports",
    permissions: ["reports.read", "reports.export"],
  },
  { name: "Viewer", description: "Signed-in user with no extra permissions", permissions: [] },
];

export const DEMO_USERS = [
  { email: "admin@example.com", name: "Ada Admin", role: "Admin" },
  { email: "editor@example.com", name: "Eddie Editor", role: "Editor" },
  { email: "viewer@example.com", name: "Vera Viewer", role: "Viewer" },
] as const;

export type DemoUser = (typeof DEMO_USERS)[number];

/** The permissions a demo user holds through their role, in catalogue order. */
export function demoPermissions(user: DemoUser): readonly Permission[] {
  return DEMO_ROLES.find((role) => role.name === user.role)?.permissions ?? [];
}
