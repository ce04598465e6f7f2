// One user as the admin sees them: account state, role grants, and each
// catalogue permission they hold with the grants it comes from. Never the
// password hash.
import "server-only";
import { getPrisma } from "@/lib/db/client";
import {
  ORGANIZATION_PERMISSIONS,
  PERMISSION_DESCRIPTIONS,
  PERMISSIONS,
  type Permission,
} from "@/lib/permissions/catalogue";

export type UserGrant = {
  roleId: string;
  roleName: string;
  permissions: string[];
  grantedAt: Date;
  expiresAt: Date | null;
  expired: boolean;
};

export type EffectivePermission = {
  permission: Permission;
  description: string;
  /** The grants it comes from; global false: a membership in the place's organization. */
  via: { roleId: string; roleName: string; expiresAt: Date | null; global: boolean }[];
};

/** What counts in one organization: its memberships' permissions and the global roles' organization ones. */
type OrganizationPermissions = {
  organization: { id: string; slug: string; name: string };
  effective: EffectivePermission[];
};

export type UserDetail = {
  id: string;
  email: string;
  name: string;
  createdAt: Date;
  disabledAt: Date | null;
  sessionsRevokedAt: Date | null;
  /** In ms; what edit forms carry, since the database moves it on every change to this user's access. */
  permissionsUpdatedAt: number;
  grants: UserGrant[];
  /** Through global roles: on the platform (and, for organization permissions, in every organization). */
  effective: EffectivePermission[];
  /** Each organization the user belongs to, with the permissions that count there. */
  effectiveByOrganization: OrganizationPermissions[];
  /** Current memberships, each with the organization permissions it counts there. */
  memberships: UserMembership[];
  /** Every permission held now, anywhere: what an admin must hold to change this user (./authority.ts). */
  heldAnywhere: Permission[];
};

export type UserMembership = {
  organization: { id: string; slug: string; name: string };
  roleId: string;
  roleName: string;
  permissions: Permission[];
  expiresAt: Date | null;
};

export async function getUserDetail(id: string, now = new Date()): Promise<UserDetail | null> {
  const user = await (
    await getPrisma()
  ).user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      name: true,
      createdAt: true,
      disabledAt: true,
      sessionsRevokedAt: true,
      permissionsUpdatedAt: true,
      roles: {
        select: {
          roleId: true,
          grantedAt: true,
          expiresAt: true,
          role: { select: { name: true, permissions: { select: { permission: true } } } },
        },
        orderBy: { role: { name: "asc" } },
      },
      memberships: {
        where: { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
        select: {
          expiresAt: true,
          organization: { select: { id: true, slug: true, name: true } },
          role: { select: { id: true, name: true, permissions: { select: { permission: true } } } },
        },
        orderBy: [{ organization: { slug: "asc" } }, { role: { name: "asc" } }],
      },
    },
  });
  if (!user) return null;
  const grants: UserGrant[] = user.roles.map((g) => ({
    roleId: g.roleId,
    roleName: g.role.name,
    permissions: g.role.permissions.map((p) => p.permission),
    grantedAt: g.grantedAt,
    expiresAt: g.expiresAt,
    expired: g.expiresAt !== null && g.expiresAt <= now,
  }));
  const active = grants.filter((g) => !g.expired);
  const effective = PERMISSIONS.flatMap((permission) => {
    const via = active
      .filter((g) => g.permissions.includes(permission))
      .map((g) => ({ roleId: g.roleId, roleName: g.roleName, expiresAt: g.expiresAt, global: true }));
    return via.length ? [{ permission, description: PERMISSION_DESCRIPTIONS[permission], via }] : [];
  });
  // A membership counts with its organization permissions only (lib/permissions/catalogue.ts).
  const memberships: UserMembership[] = user.memberships.map((m) => ({
    organization: m.organization,
    roleId: m.role.id,
    roleName: m.role.name,
    permissions: ORGANIZATION_PERMISSIONS.filter((p) => m.role.permissions.some((rp) => rp.permission === p)),
    expiresAt: m.expiresAt,
  }));
  const organizations = [...new Map(memberships.map((m) => [m.organization.id, m.organization])).values()];
  const effectiveByOrganization = organizations.map((organization) => ({
    organization,
    effective: ORGANIZATION_PERMISSIONS.flatMap((permission) => {
      const via = [
        ...(effective.find((e) => e.permission === permission)?.via ?? []),
        ...memberships
          .filter((m) => m.organization.id === organization.id && m.permissions.includes(permission))
          .map((m) => ({ roleId: m.roleId, roleName: m.roleName, expiresAt: m.expiresAt, global: false })),
      ];
      return via.length ? [{ permission, description: PERMISSION_DESCRIPTIONS[permission], via }] : [];
    }),
  }));
  const held = new Set<string>([
    ...effective.map((e) => e.permission),
    ...memberships.flatMap((m) => m.permissions),
  ]);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    createdAt: user.createdAt,
    disabledAt: user.disabledAt,
    sessionsRevokedAt: user.sessionsRevokedAt,
    permissionsUpdatedAt: user.permissionsUpdatedAt.getTime(),
    grants,
    effective,
    effectiveByOrganization,
    memberships,
    heldAnywhere: PERMISSIONS.filter((p) => held.has(p)),
  };
}
