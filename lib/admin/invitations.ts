// Invitations: how an organization admin brings someone in. They name an
// email address and a role; the answer is the same whether or not the address
// has an account (nothing is looked up), and the membership exists only once
// the account with that address accepts, signed in, from its home page. An
// account that holds a platform permission cannot accept an organization
// admin's invitation: a tenant never pulls a platform user (or their powers)
// into its organization. Platform admins add members directly (./organization-changes.ts).
import "server-only";
import { ActionError, type ActionState, success } from "@/lib/actions/state";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth";
import { getPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { PERMISSIONS, scopeOf } from "@/lib/permissions/catalogue";
import type { AcceptInvitationInput, AddMemberInput } from "@/lib/validations/organization";
import { heldPermissions } from "./authority";
import { lockAccessChanges } from "./guards";
import { refuseStrongerRole } from "./organization-authority";
import { inTransaction, type Tx } from "./transaction";

/** How long an invitation may wait for its answer. */
const INVITATION_DAYS = 7;

const INVITATION_GONE = "This invitation is no longer open.";
const PLATFORM_ACCOUNT_REFUSED =
  "This invitation is for organization members: an account that holds platform permissions cannot accept it.";

const target = (o: { id: string; name: string }) => ({
  type: "organization" as const,
  id: o.id,
  label: o.name,
});

/** The one answer to an invitation, whoever owns the address. */
export const invitedMessage = (email: string, role: string, organization: string) =>
  `Invited ${email} as ${role} in ${organization}. They join once they accept, signed in under that address.`;

/**
 * Invites `input.email` (called by addMember for an actor who is not a
 * platform admin, under its locks, once it refused roles beyond the actor).
 */
export async function inviteMember(
  tx: Tx,
  actor: Actor,
  organization: { id: string; name: string },
  role: { id: string; name: string },
  input: AddMemberInput,
): Promise<ActionState> {
  const email = input.email.toLowerCase();
  const invitation = await tx.invitation.create({
    data: {
      organizationId: organization.id,
      roleId: role.id,
      email,
      invitedById: actor.id,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
      membershipExpiresAt: input.expiresAt,
    },
    select: { id: true },
  });
  await recordAudit(tx, actor, {
    action: "organization.invitation.created",
    target: target(organization),
    roleId: role.id,
    after: { invitation: invitation.id, email, role: role.name },
  });
  return success(invitedMessage(email, role.name, organization.name));
}

export type OpenInvitation = { id: string; organization: string; role: string; expiresAt: Date };

/** The invitations the signed-in user may accept: to their address, open, unexpired. */
export async function openInvitationsFor(
  user: { email: string },
  now = new Date(),
): Promise<OpenInvitation[]> {
  const rows = await (
    await getPrisma()
  ).invitation.findMany({
    where: { email: user.email.toLowerCase(), acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: {
      id: true,
      expiresAt: true,
      organization: { select: { name: true } },
      role: { select: { name: true } },
    },
    orderBy: { createdAt: "asc" },
    take: 20,
  });
  return rows.map((r) => ({
    id: r.id,
    organization: r.organization.name,
    role: r.role.name,
    expiresAt: r.expiresAt,
  }));
}

/** The signed-in user accepts an invitation to their own address: the membership starts now. */
export async function acceptInvitation(
  prisma: PrismaClient,
  actor: Actor,
  input: AcceptInvitationInput,
): Promise<ActionState> {
  return inTransaction(
    prisma,
    async (tx) => {
      await lockAccessChanges(tx);
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "Invitation" WHERE id = ${input.invitationId} FOR UPDATE`;
      const invitation = rows[0]
        ? await tx.invitation.findUnique({
            where: { id: rows[0].id },
            include: { organization: true, role: true },
          })
        : null;
      const open =
        invitation &&
        invitation.email === actor.email.toLowerCase() &&
        !invitation.acceptedAt &&
        !invitation.revokedAt &&
        invitation.expiresAt > new Date();
      if (!invitation || !open) throw new ActionError(INVITATION_GONE);
      const held = await heldPermissions(tx, actor.id, null);
      if (held.some((p) => scopeOf(p) === "platform")) throw new ActionError(PLATFORM_ACCOUNT_REFUSED);
      // The role as it is now: still one a membership may hold, and within what the inviter holds there.
      const inviter = invitation.invitedById
        ? await heldPermissions(tx, invitation.invitedById, invitation.organizationId)
        : [...PERMISSIONS];
      await refuseStrongerRole(tx, inviter, invitation.roleId);
      await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date() } });
      await tx.membership.create({
        data: {
          userId: actor.id,
          organizationId: invitation.organizationId,
          roleId: invitation.roleId,
          expiresAt: invitation.membershipExpiresAt,
        },
      });
      await recordAudit(tx, actor, {
        action: "organization.invitation.accepted",
        target: target(invitation.organization),
        userId: actor.id,
        roleId: invitation.roleId,
        after: { invitation: invitation.id, role: invitation.role.name },
      });
      return success(`You are now ${invitation.role.name} in ${invitation.organization.name}.`);
    },
    { field: "invitationId", message: "You already hold this role there" },
  );
}
