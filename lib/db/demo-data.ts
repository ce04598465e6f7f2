// The demo roles and users, as data: the seed writes them (./seed.ts), and the
// browser tests derive their personas and what each may do from them, so a
// change here (or to the catalogue) changes the tests' expectations with it.
import { PERMISSIONS, type Permission } from "@/lib/permissions/catalogue";

export const DEMO_PASSWORD = "demo1234";

type DemoRole = { name: string; description: string; permissions: readonly Permission[] };

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

/**
 * The roles a demo user's claims name at sign-in: their global role and, in
 * the demo organization (active at sign-in), their membership's role.
 */
export function demoRoleNames(user: DemoUser): string[] {
  return [...new Set([user.role, DEMO_USERS_ORGANIZATION.role])].sort();
}

/** The demo organizations (tenants), by slug. */
export const DEMO_ORGANIZATIONS = [
  { slug: "acme", name: "Acme" },
  { slug: "example", name: "Example Co" },
  { slug: "globex", name: "Globex" },
] as const;

type DemoOrganizationSlug = (typeof DEMO_ORGANIZATIONS)[number]["slug"];

/**
 * Where the global demo users (DEMO_USERS) work: members of Example Co with
 * the Viewer role, which grants nothing there. So what their global role
 * grants decides what they see in it: once Vera is given Editor (README's
 * demo), its reports.read counts in Example Co and Reports shows its rows.
 */
export const DEMO_USERS_ORGANIZATION = { organization: "example", role: "Viewer" } as const satisfies {
  organization: DemoOrganizationSlug;
  role: string;
};

/** Users whose roles hold within organizations only (no global role). */
export const DEMO_MEMBERS = [
  {
    email: "ann@acme.example.com",
    name: "Ann Acme",
    memberships: [{ organization: "acme", role: "Editor" }],
  },
  {
    email: "gus@globex.example.com",
    name: "Gus Globex",
    memberships: [{ organization: "globex", role: "Editor" }],
  },
  {
    email: "mia@example.com",
    name: "Mia Member",
    memberships: [
      { organization: "acme", role: "Editor" },
      { organization: "globex", role: "Viewer" },
    ],
  },
] as const satisfies readonly {
  email: string;
  name: string;
  memberships: readonly { organization: DemoOrganizationSlug; role: string }[];
}[];

/** Three reports per organization, each title naming its organization. */
export function demoReports(organization: { slug: string; name: string }) {
  const base = { acme: 184_200, example: 126_500 }[organization.slug] ?? 97_300;
  return ["2026 Q1", "2026 Q2", "2026 Q3"].map((period, i) => ({
    title: `${organization.name} quarterly revenue`,
    period,
    revenue: base + i * 17_350,
  }));
}
