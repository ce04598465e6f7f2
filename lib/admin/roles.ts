// Roles for the roles page, the permission matrix and the role pickers, read
// from the app's database.
import "server-only";
import { getPrisma } from "@/lib/db/client";
import { isOrganizationPermission, PERMISSIONS } from "@/lib/permissions/catalogue";

export type RoleSummary = {
  id: string;
  name: string;
  description: string;
  version: number;
  memberCount: number;
  /** Catalogue permissions only, in catalogue order. */
  permissions: string[];
};

export type RoleMember = { id: string; email: string; name: string; expiresAt: Date | null };

export type RoleDetail = RoleSummary & { members: RoleMember[] };

const ROLE_MEMBERS_SHOWN = 10;

const summarySelect = {
  id: true,
  name: true,
  description: true,
  version: true,
  permissions: { select: { permission: true } },
  _count: { select: { users: true } },
} as const;

type SummaryRow = {
  id: string;
  name: string;
  description: string;
  version: number;
  permissions: { permission: string }[];
  _count: { users: number };
};

function toSummary(role: SummaryRow): RoleSummary {
  const held = new Set(role.permissions.map((p) => p.permission));
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    version: role.version,
    memberCount: role._count.users,
    permissions: PERMISSIONS.filter((p) => held.has(p)),
  };
}

export async function listRoles(): Promise<RoleSummary[]> {
  const roles = await (await getPrisma()).role.findMany({ orderBy: { name: "asc" }, select: summarySelect });
  return roles.map(toSummary);
}

/** The role with its first members by email; the users page lists all of them. */
export async function getRoleDetail(id: string): Promise<RoleDetail | null> {
  const role = await (
    await getPrisma()
  ).role.findUnique({
    where: { id },
    select: {
      ...summarySelect,
      users: {
        take: ROLE_MEMBERS_SHOWN,
        orderBy: { user: { email: "asc" } },
        select: { expiresAt: true, user: { select: { id: true, email: true, name: true } } },
      },
    },
  });
  if (!role) return null;
  return {
    ...toSummary(role),
    members: role.users.map((g) => ({ ...g.user, expiresAt: g.expiresAt })),
  };
}

export type RoleOption = { id: string; name: string; permissions: string[] };

export async function listRoleOptions(): Promise<RoleOption[]> {
  const roles = await (
    await getPrisma()
  ).role.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, permissions: { select: { permission: true } } },
  });
  return roles.map((r) => ({ id: r.id, name: r.name, permissions: r.permissions.map((p) => p.permission) }));
}

/** Roles a membership may hold: those carrying organization permissions only (lib/permissions/catalogue.ts). */
export function membershipRoles(roles: RoleOption[]): RoleOption[] {
  return roles.filter((r) => r.permissions.every(isOrganizationPermission));
}

/** Roles the actor may hand out: those carrying no permission the actor lacks. */
export function grantableBy(permissions: readonly string[], roles: RoleOption[]): RoleOption[] {
  return roles.filter((r) => r.permissions.every((p) => permissions.includes(p)));
}
