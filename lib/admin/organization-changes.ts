// Creating, renaming and deleting organizations (platform admins: the
// action asks for users.manage), and their members: added with a role and an
// optional end, removed, re-timed (whoever manages that organization's
// members, under ./organization-authority.ts). Each in one transaction with
// its audit entry; the database re-stamps the users concerned, so a member
// removed here never reads the organization's rows again.
import "server-only";
import { ActionError, type ActionState, success } from "@/lib/actions/state";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { PLATFORM_ADMIN_PERMISSION } from "@/lib/permissions/catalogue";
import { hasPermission } from "@/lib/permissions/check";
import type {
  AddMemberInput,
  ChangeMemberExpiryInput,
  CreateOrganizationInput,
  DeleteOrganizationInput,
  RemoveMemberInput,
  RenameOrganizationInput,
  RevokeInvitationInput,
} from "@/lib/validations/organization";
import { formatCount } from "./format";
import { lockAccessChanges, refuseSelf } from "./guards";
import { refuseStrongerMember, refuseStrongerRole, refuseUnlessManager } from "./organization-authority";
import {
  INVITATION_GONE,
  type InvitationMail,
  inviteMember,
  isOpen,
  lockInvitation,
  type MailInvitation,
} from "./invitations";
import { inTransaction, type Tx } from "./transaction";

const SLUG_TAKEN = "An organization with this slug already exists";
const ORGANIZATION_GONE = "This organization no longer exists.";
const MEMBERSHIP_GONE = "This membership no longer exists; reload to see the latest.";

const target = (o: { id: string; name: string }) => ({
  type: "organization" as const,
  id: o.id,
  label: o.name,
});

async function lockOrganization(tx: Tx, id: string): Promise<{ id: string; slug: string; name: string }> {
  const rows = await tx.$queryRaw<{ id: string; slug: string; name: string }[]>`
    SELECT id, slug, name FROM "Organization" WHERE id = ${id} FOR UPDATE`;
  if (!rows[0]) throw new ActionError(ORGANIZATION_GONE, { organizationId: [ORGANIZATION_GONE] });
  return rows[0];
}

export async function createOrganization(
  prisma: PrismaClient,
  actor: Actor,
  input: CreateOrganizationInput,
): Promise<ActionState> {
  return inTransaction(
    prisma,
    async (tx) => {
      const organization = await tx.organization.create({ data: input });
      await recordAudit(tx, actor, {
        action: "organization.created",
        target: target(organization),
        after: { slug: organization.slug, name: organization.name },
      });
      return success(`Organization ${organization.name} created.`);
    },
    { field: "slug", message: SLUG_TAKEN },
  );
}

export async function renameOrganization(
  prisma: PrismaClient,
  actor: Actor,
  input: RenameOrganizationInput,
): Promise<ActionState> {
  return inTransaction(prisma, async (tx) => {
    const before = await lockOrganization(tx, input.organizationId);
    const after = await tx.organization.update({ where: { id: before.id }, data: { name: input.name } });
    await recordAudit(tx, actor, {
      action: "organization.renamed",
      target: target(after),
      before: { name: before.name },
      after: { name: after.name },
    });
    return success(`Renamed to ${after.name}.`);
  });
}

export async function deleteOrganization(
  prisma: PrismaClient,
  actor: Actor,
  input: DeleteOrganizationInput,
): Promise<ActionState> {
  return inTransaction(prisma, async (tx) => {
    await lockAccessChanges(tx);
    const organization = await lockOrganization(tx, input.organizationId);
    const members = (
      await tx.membership.groupBy({ by: ["userId"], where: { organizationId: organization.id } })
    ).length;
    if (members !== input.members)
      throw new ActionError(
        `${organization.name} now has ${formatCount(members, "member")}; confirm again to delete it.`,
      );
    await tx.organization.delete({ where: { id: organization.id } }); // its memberships and rows go with it
    await recordAudit(tx, actor, {
      action: "organization.deleted",
      target: target(organization),
      before: { slug: organization.slug, name: organization.name, members },
    });
    return success(`Organization ${organization.name} deleted.`);
  });
}

/**
 * Adds a member, or invites one: an organization admin always invites (and
 * learns nothing about the address); a platform admin, who sees every account
 * anyway, adds an existing account directly and invites an address without
 * one. An invitation's mail goes to `mailInvitation` once the change committed.
 */
export async function addMember(
  prisma: PrismaClient,
  actor: Actor,
  input: AddMemberInput,
  mailInvitation?: MailInvitation,
): Promise<ActionState> {
  let invited: InvitationMail | undefined;
  const outcome = await inTransaction(
    prisma,
    async (tx) => {
      await lockAccessChanges(tx);
      const organization = await lockOrganization(tx, input.organizationId);
      const permissions = await refuseUnlessManager(tx, actor, organization.id);
      const user = hasPermission(actor, PLATFORM_ADMIN_PERMISSION)
        ? await tx.user.findUnique({ where: { email: input.email }, select: { id: true, name: true } })
        : null;
      if (user) refuseSelf(actor, user.id);
      const role = await refuseStrongerRole(tx, permissions, input.roleId);
      if (!user)
        return inviteMember(tx, actor, organization, role, input, (mail) => {
          invited = mail;
        });
      await tx.membership.create({
        data: {
          userId: user.id,
          organizationId: organization.id,
          roleId: role.id,
          expiresAt: input.expiresAt,
        },
      });
      await recordAudit(tx, actor, {
        action: "organization.member.added",
        target: target(organization),
        userId: user.id,
        roleId: role.id,
        after: { role: role.name, expiresAt: input.expiresAt?.toISOString() ?? null },
      });
      return success(`${user.name} is now ${role.name} in ${organization.name}.`);
    },
    { field: "roleId", message: "This user already holds this role here" },
  );
  if (invited) await mailInvitation?.(invited);
  return outcome;
}

/** Withdraws an open invitation: its link stops working at once. */
export async function revokeInvitation(
  prisma: PrismaClient,
  actor: Actor,
  input: RevokeInvitationInput,
): Promise<ActionState> {
  return inTransaction(prisma, async (tx) => {
    const organization = await lockOrganization(tx, input.organizationId);
    await refuseUnlessManager(tx, actor, organization.id);
    const invitation = await lockInvitation(tx, { id: input.invitationId });
    if (!invitation || invitation.organizationId !== organization.id || !isOpen(invitation))
      throw new ActionError(INVITATION_GONE);
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: "organization.invitation.revoked",
      target: target(organization),
      roleId: invitation.roleId,
      before: { invitation: invitation.id, email: invitation.email, role: invitation.role.name },
    });
    return success(`The invitation of ${invitation.email} is revoked: its link no longer works.`);
  });
}

/** The membership as it is now, locked, with the checks every change of a member makes. */
async function lockMembership(
  tx: Tx,
  actor: Actor,
  input: { organizationId: string; userId: string; roleId: string },
) {
  await lockAccessChanges(tx);
  const organization = await lockOrganization(tx, input.organizationId);
  const permissions = await refuseUnlessManager(tx, actor, organization.id);
  refuseSelf(actor, input.userId);
  const membership = await tx.membership.findUnique({
    where: {
      userId_organizationId_roleId: {
        userId: input.userId,
        organizationId: organization.id,
        roleId: input.roleId,
      },
    },
    select: { id: true, expiresAt: true, user: { select: { id: true, name: true } }, role: true },
  });
  if (!membership) throw new ActionError(MEMBERSHIP_GONE);
  await refuseStrongerMember(tx, permissions, membership.user, organization.id);
  return { organization, membership };
}

export async function removeMember(
  prisma: PrismaClient,
  actor: Actor,
  input: RemoveMemberInput,
): Promise<ActionState> {
  return inTransaction(prisma, async (tx) => {
    const { organization, membership } = await lockMembership(tx, actor, input);
    await tx.membership.delete({ where: { id: membership.id } });
    await recordAudit(tx, actor, {
      action: "organization.member.removed",
      target: target(organization),
      userId: membership.user.id,
      roleId: membership.role.id,
      before: { role: membership.role.name, expiresAt: membership.expiresAt?.toISOString() ?? null },
    });
    return success(
      `${membership.user.name} no longer holds ${membership.role.name} in ${organization.name}.`,
    );
  });
}

export async function changeMemberExpiry(
  prisma: PrismaClient,
  actor: Actor,
  input: ChangeMemberExpiryInput,
): Promise<ActionState> {
  return inTransaction(prisma, async (tx) => {
    const { organization, membership } = await lockMembership(tx, actor, input);
    await tx.membership.update({ where: { id: membership.id }, data: { expiresAt: input.expiresAt } });
    await recordAudit(tx, actor, {
      action: "organization.member.expiry.changed",
      target: target(organization),
      userId: membership.user.id,
      roleId: membership.role.id,
      before: { expiresAt: membership.expiresAt?.toISOString() ?? null },
      after: { expiresAt: input.expiresAt?.toISOString() ?? null },
    });
    return success(
      input.expiresAt
        ? `${membership.user.name}'s ${membership.role.name} in ${organization.name} now ends ${input.expiresAt.toISOString()}.`
        : `${membership.user.name}'s ${membership.role.name} in ${organization.name} no longer ends.`,
    );
  });
}
