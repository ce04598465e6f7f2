// Demo data: three roles and three users, one per role (members of Example
// Co, where their global role decides what they see), plus Acme and Globex
// with three members; each organization has its reports. Idempotent: running it
// again restores the demo roles' permissions, gives each demo user their role
// (or membership) back if it was removed, and changes nothing else.
import { hashPassword } from "@/lib/security/password";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  DEMO_MEMBERS,
  DEMO_ORGANIZATIONS,
  DEMO_PASSWORD,
  DEMO_ROLES,
  DEMO_USERS,
  DEMO_USERS_ORGANIZATION,
  demoReports,
} from "./demo-data";

type SeedSummary = {
  rolesCreated: number;
  usersCreated: number;
  grantsAdded: number;
  permissionsChanged: number;
};

export async function seedDemoData(prisma: PrismaClient): Promise<SeedSummary> {
  const summary: SeedSummary = { rolesCreated: 0, usersCreated: 0, grantsAdded: 0, permissionsChanged: 0 };
  const roleIds = new Map<string, string>();

  for (const demo of DEMO_ROLES) {
    const existing = await prisma.role.findUnique({ where: { name: demo.name } });
    const role =
      existing ?? (await prisma.role.create({ data: { name: demo.name, description: demo.description } }));
    if (!existing) summary.rolesCreated++;
    roleIds.set(demo.name, role.id);
    summary.permissionsChanged += await syncRolePermissions(prisma, role.id, demo.permissions);
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const demo of DEMO_USERS) {
    const existing = await prisma.user.findUnique({ where: { email: demo.email } });
    const user =
      existing ?? (await prisma.user.create({ data: { email: demo.email, name: demo.name, passwordHash } }));
    if (!existing) summary.usersCreated++;
    const roleId = roleIds.get(demo.role)!;
    const grant = await prisma.userRole.findUnique({ where: { userId_roleId: { userId: user.id, roleId } } });
    if (!grant) {
      await prisma.userRole.create({ data: { userId: user.id, roleId } });
      summary.grantsAdded++;
    }
  }
  await seedOrganizations(prisma, roleIds, passwordHash, summary);
  return summary;
}

async function seedOrganizations(
  prisma: PrismaClient,
  roleIds: Map<string, string>,
  passwordHash: string,
  summary: SeedSummary,
): Promise<void> {
  const organizationIds = new Map<string, string>();
  for (const demo of DEMO_ORGANIZATIONS) {
    const organization =
      (await prisma.organization.findUnique({ where: { slug: demo.slug } })) ??
      (await prisma.organization.create({ data: demo }));
    organizationIds.set(demo.slug, organization.id);
    // The seed writes every organization's demo rows, so it is the one writer outside lib/tenancy.
    // eslint-disable-next-line no-restricted-syntax
    const reports = prisma.report;
    if ((await reports.count({ where: { organizationId: organization.id } })) === 0)
      await reports.createMany({
        data: demoReports(demo).map((r) => ({ ...r, organizationId: organization.id })),
      });
  }
  const members = [
    ...DEMO_USERS.map((demo) => ({ ...demo, memberships: [DEMO_USERS_ORGANIZATION] })),
    ...DEMO_MEMBERS,
  ];
  for (const demo of members) {
    const existing = await prisma.user.findUnique({ where: { email: demo.email } });
    const user =
      existing ?? (await prisma.user.create({ data: { email: demo.email, name: demo.name, passwordHash } }));
    if (!existing) summary.usersCreated++;
    for (const membership of demo.memberships) {
      const key = {
        userId: user.id,
        organizationId: organizationIds.get(membership.organization)!,
        roleId: roleIds.get(membership.role)!,
      };
      const existing = await prisma.membership.findUnique({ where: { userId_organizationId_roleId: key } });
      if (!existing) {
        await prisma.membership.create({ data: key });
        summary.grantsAdded++;
      }
    }
  }
}

/** Makes the role's permissions exactly `wanted`, touching only rows that differ. */
async function syncRolePermissions(
  prisma: PrismaClient,
  roleId: string,
  wanted: readonly string[],
): Promise<number> {
  const current = await prisma.rolePermission.findMany({ where: { roleId }, select: { permission: true } });
  const have = new Set(current.map((r) => r.permission));
  const missing = wanted.filter((p) => !have.has(p));
  const extra = [...have].filter((p) => !wanted.includes(p));
  if (missing.length === 0 && extra.length === 0) return 0;
  await prisma.$transaction([
    prisma.rolePermission.deleteMany({ where: { roleId, permission: { in: extra } } }),
    prisma.rolePermission.createMany({ data: missing.map((permission) => ({ roleId, permission })) }),
  ]);
  return missing.length + extra.length;
}

export async function isDatabaseEmpty(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.user.count()) === 0;
}
