// Invitations: how someone is brought into an organization. An admin names
// an email address and a role; the answer is the same whether or not the
// address has an account (nothing is looked up for an organization admin).
// The address gets a link by mail (only the token's hash is stored, and the
// inviter never sees the token); the membership exists once the person
// accepts: an existing account signed in under that address (from the link
// or its home page), or a new one created from the link (./invitation-links.ts).
// An account that holds a platform permission cannot accept: a tenant never
// pulls a platform user (or their powers) into its organization. Platform
// admins add an existing account directly (./organization-changes.ts).
import "server-only";
import { ActionError, type ActionState, success } from "@/lib/actions/state";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth";
import { getPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { PERMISSIONS, scopeOf } from "@/lib/permissions/catalogue";
import { newLinkToken } from "@/lib/security/link-token";
import type { AcceptInvitationInput, AddMemberInput } from "@/lib/validations/organization";
import { heldPermissions } from "./authority";
import { lockAccessChanges } from "./guards";
import { refuseStrongerRole } from "./organization-authority";
import { inTransaction, type Tx } from "./transaction";

/** How long an invitation may wait for its answer. */
const INVITATION_DAYS = 7;

/** What the invitee's mail says; the token is for the mail only, never for the inviter's answer. */
export type InvitationMail = {
  email: string;
  token: string;
  organization: string;
  role: string;
  invitedBy: string;
  expiresAt: Date;
};

/** Sends an invitation's mail; called once its transaction committed (the app schedules it after the response). */
export type MailInvitation = (mail: InvitationMail) => Promise<void>;

export const INVITATION_GONE = "This invitation is no longer open.";
const PLATFORM_ACCOUNT_REFUSED =
  "This invitation is for organization members: an account that holds platform permissions cannot accept it.";

const target = (o: { id: string; name: string }) => ({
  type: "organization" as const,
  id: o.id,
  label: o.name,
});

/** The one answer to an invitation, whoever owns the address. */
export const invitedMessage = (email: string, role: string, organization: string) =>
  `Invited ${email} as ${role} in ${organization}: we mailed them a link. They join once they accept it.`;

/**
 * Invites `input.email` (called by addMember under its locks, once it refused
 * roles beyond the actor). `invited` receives the mail to send after commit.
 */
export async function inviteMember(
  tx: Tx,
  actor: Actor,
  organization: { id: string; name: string },
  role: { id: string; name: string },
  input: AddMemberInput,
  invited: (mail: InvitationMail) => void,
): Promise<ActionState> {
  const email = input.email.toLowerCase();
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  const invitation = await tx.invitation.create({
    data: {
      organizationId: organization.id,
      roleId: role.id,
      email,
      invitedById: actor.id,
      expiresAt,
      membershipExpiresAt: input.expiresAt,
      tokenHash,
    },
    select: { id: true },
  });
  invited({
    email,
    token,
    organization: organization.name,
    role: role.name,
    invitedBy: actor.email,
    expiresAt,
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
    where: { email: user.email.toLowerCase(), ...openInvitations(now) },
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

/** An invitation row, locked for its answer; null when it does not exist. */
export async function lockInvitation(tx: Tx, where: { id: string } | { tokenHash: string }) {
  const rows =
    "id" in where
      ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Invitation" WHERE id = ${where.id} FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM "Invitation" WHERE "tokenHash" = ${where.tokenHash} FOR UPDATE`;
  if (!rows[0]) return null;
  return tx.invitation.findUnique({ where: { id: rows[0].id }, include: { organization: true, role: true } });
}

export type LockedInvitation = NonNullable<Awaited<ReturnType<typeof lockInvitation>>>;

type InvitationState = Pick<LockedInvitation, "acceptedAt" | "revokedAt" | "expiresAt">;

/** Whether an invitation can still be answered: not accepted, not revoked, not expired. */
export const isOpen = (invitation: InvitationState, now = new Date()) =>
  !invitation.acceptedAt && !invitation.revokedAt && invitation.expiresAt > now;

/** isOpen as a query filter, for the lists of open invitations. */
export const openInvitations = (now = new Date()) => ({
  acceptedAt: null,
  revokedAt: null,
  expiresAt: { gt: now },
});

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
      const invitation = await lockInvitation(tx, { id: input.invitationId });
      if (!invitation || invitation.email !== actor.email.toLowerCase() || !isOpen(invitation))
        throw new ActionError(INVITATION_GONE);
      return joinOrganization(tx, actor, invitation);
    },
    { field: "invitationId", message: "You already hold this role there" },
  );
}

/**
 * The membership an open invitation promises, for `member` (whose address it
 * is), under the caller's locks: refused for an account with platform
 * permissions, or when the inviter no longer holds what the role grants.
 */
export async function joinOrganization(
  tx: Tx,
  member: { id: string; email: string },
  invitation: LockedInvitation,
): Promise<ActionState> {
  const held = await heldPermissions(tx, member.id, null);
  if (held.some((p) => scopeOf(p) === "platform")) throw new ActionError(PLATFORM_ACCOUNT_REFUSED);
  // The role as it is now: still one a membership may hold, and within what the inviter holds there.
  const inviter = invitation.invitedById
    ? await heldPermissions(tx, invitation.invitedById, invitation.organizationId)
    : [...PERMISSIONS];
  await refuseStrongerRole(tx, inviter, invitation.roleId);
  await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date() } });
  await tx.membership.create({
    data: {
      userId: member.id,
      organizationId: invitation.organizationId,
      roleId: invitation.roleId,
      expiresAt: invitation.membershipExpiresAt,
    },
  });
  await recordAudit(tx, member, {
    action: "organization.invitation.accepted",
    target: target(invitation.organization),
    userId: member.id,
    roleId: invitation.roleId,
    after: { invitation: invitation.id, role: invitation.role.name },
  });
  return success(`You are now ${invitation.role.name} in ${invitation.organization.name}.`);
}
