// The organizations pages' data: the organizations the actor manages (all of
// them for a platform admin; an organization admin's own ones), each with
// its member count, and one organization's members with their roles.
import "server-only";
import { type CurrentUser } from "@/lib/auth";
import { isPlatformAdmin } from "@/lib/tenancy";
import { getPrisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  isOrganizationPermission,
  MEMBER_MANAGING_PERMISSIONS,
  type Permission,
} from "@/lib/permissions/catalogue";
import { permissionsInOrganization } from "./organization-authority";
import { openInvitations } from "./invitations";

const MAX_ORGANIZATIONS_LISTED = 200;
export const MAX_MEMBERS_SHOWN = 500;
export const MAX_INVITATIONS_SHOWN = 100;

export type OrganizationSummary = {
  id: string;
  slug: string;
  name: string;
  members: number;
  createdAt: Date;
};
export type OrganizationMember = {
  userId: string;
  email: string;
  name: string;
  roleId: string;
  roleName: string;
  grantedAt: Date;
  expiresAt: Date | null;
};
/** An invitation still waiting for its answer. */
export type OrganizationInvitation = { id: string; email: string; role: string; expiresAt: Date };
export type OrganizationDetail = Omit<OrganizationSummary, "members"> & {
  members: OrganizationMember[];
  invitations: OrganizationInvitation[];
  memberCount: number;
  /** Whether the actor may create, rename and delete organizations (a platform admin). */
  platformAdmin: boolean;
  /** The actor's permissions in this organization: what bounds the roles they may hand out here. */
  actorPermissions: Permission[];
};

/**
 * Which organizations the user manages, as a filter for lists: all (a global
 * grant), or those where a membership lets them. The same rule as
 * refuseUnlessManager (./organization-authority.ts), which decides each change.
 */
async function managedFilter(
  userId: string,
): Promise<{ all: boolean; where: Prisma.OrganizationWhereInput }> {
  const prisma = await getPrisma();
  const now = new Date();
  const current = { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  const managing = {
    role: { permissions: { some: { permission: { in: [...MEMBER_MANAGING_PERMISSIONS] } } } },
  };
  const global = await prisma.userRole.count({ where: { userId, ...current, ...managing } });
  if (global > 0) return { all: true, where: {} };
  // A membership counts with its organization permissions only.
  const inside = MEMBER_MANAGING_PERMISSIONS.filter(isOrganizationPermission);
  const managingInside = { role: { permissions: { some: { permission: { in: inside } } } } };
  return { all: false, where: { memberships: { some: { userId, ...current, ...managingInside } } } };
}

export async function listOrganizations(user: CurrentUser): Promise<OrganizationSummary[]> {
  const prisma = await getPrisma();
  const { where } = await managedFilter(user.id);
  const rows = await prisma.organization.findMany({
    where,
    select: { id: true, slug: true, name: true, createdAt: true },
    orderBy: { slug: "asc" },
    take: MAX_ORGANIZATIONS_LISTED,
  });
  const counts = await memberCounts(rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, members: counts.get(r.id) ?? 0 }));
}

/** Distinct members (users) per organization. */
async function memberCounts(ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const prisma = await getPrisma();
  const rows = await prisma.membership.groupBy({
    by: ["organizationId", "userId"],
    where: { organizationId: { in: ids } },
  });
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.organizationId, (counts.get(r.organizationId) ?? 0) + 1);
  return counts;
}

/** One organization the user manages, with its members; null when it does not exist or is not theirs. */
export async function getOrganizationDetail(
  user: CurrentUser,
  id: string,
): Promise<OrganizationDetail | null> {
  const prisma = await getPrisma();
  const { where } = await managedFilter(user.id);
  const organization = await prisma.organization.findFirst({
    where: { AND: [{ id }, where] },
    select: { id: true, slug: true, name: true, createdAt: true },
  });
  if (!organization) return null;
  const memberships = await prisma.membership.findMany({
    where: { organizationId: id },
    select: {
      grantedAt: true,
      expiresAt: true,
      user: { select: { id: true, email: true, name: true } },
      role: { select: { id: true, name: true } },
    },
    orderBy: [{ user: { email: "asc" } }, { role: { name: "asc" } }],
    take: MAX_MEMBERS_SHOWN,
  });
  const invitations = await prisma.invitation.findMany({
    where: { organizationId: id, ...openInvitations() },
    select: { id: true, email: true, expiresAt: true, role: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
    take: MAX_INVITATIONS_SHOWN,
  });
  const counts = await memberCounts([id]);
  return {
    ...organization,
    memberCount: counts.get(id) ?? 0,
    platformAdmin: await isPlatformAdmin(user.id),
    actorPermissions: await permissionsInOrganization(prisma, user.id, id),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role.name,
      expiresAt: i.expiresAt,
    })),
    members: memberships.map((m) => ({
      userId: m.user.id,
      email: m.user.email,
      name: m.user.name,
      roleId: m.role.id,
      roleName: m.role.name,
      grantedAt: m.grantedAt,
      expiresAt: m.expiresAt,
    })),
  };
}
