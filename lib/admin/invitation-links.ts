// An invitation's mailed link (/invitations/<token>). Whoever holds it reads
// that address's mail, so the page may tell them what the inviter never
// learns: whether the address has an account. An account signed in under
// the address accepts with one button; without an account, the link creates
// one (name and password; the address is proven by the mail) and joins in
// the same transaction, unless this server takes no new accounts
// (AUTH_SIGN_UP=closed). Opening the link changes nothing: mail scanners
// open links too.
import "server-only";
import { ActionError, type ActionState, success } from "@/lib/actions/state";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth";
import { getPrisma } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashLinkToken } from "@/lib/security/link-token";
import { hashPassword } from "@/lib/security/password";
import { INVITATION_GONE, isOpen, joinOrganization, lockInvitation } from "./invitations";
import { lockAccessChanges } from "./guards";
import { inTransaction } from "./transaction";

export type InvitationLink =
  | {
      kind: "open";
      email: string;
      organization: string;
      role: string;
      expiresAt: Date;
      /** Whether the invited address has an account (then it signs in to accept). */
      hasAccount: boolean;
    }
  | { kind: "gone" };

export const ACCOUNT_EXISTS = "This address already has an account: sign in to accept the invitation.";
export const NO_NEW_ACCOUNTS =
  "This server does not take new accounts: ask whoever invited you to invite an address that has one.";

/** What an invitation link offers now; "gone" once it is used, revoked, expired or unknown. */
export async function invitationByLink(token: string, now = new Date()): Promise<InvitationLink> {
  const prisma = await getPrisma();
  const invitation = await prisma.invitation.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    include: { organization: { select: { name: true } }, role: { select: { name: true } } },
  });
  if (!invitation || !isOpen(invitation, now)) return { kind: "gone" };
  const account = await prisma.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return {
    kind: "open",
    email: invitation.email,
    organization: invitation.organization.name,
    role: invitation.role.name,
    expiresAt: invitation.expiresAt,
    hasAccount: account !== null,
  };
}

/** The signed-in user accepts the invitation a link carries, when it is to their own address. */
export async function acceptInvitationLink(
  prisma: PrismaClient,
  actor: Actor,
  input: { token: string },
): Promise<ActionState> {
  return inTransaction(
    prisma,
    async (tx) => {
      await lockAccessChanges(tx);
      const invitation = await lockInvitation(tx, { tokenHash: hashLinkToken(input.token) });
      if (!invitation || !isOpen(invitation)) throw new ActionError(INVITATION_GONE);
      if (invitation.email !== actor.email.toLowerCase())
        throw new ActionError(
          `This invitation is for ${invitation.email}; you are signed in as ${actor.email}. Sign out, then open the link again.`,
        );
      return joinOrganization(tx, actor, invitation);
    },
    { field: "token", message: "You already hold this role there" },
  );
}

/**
 * Creates the invited address's account from the link, and joins it to the
 * organization, in one transaction. The link is single-use: a second
 * attempt finds the invitation accepted and changes nothing.
 */
export async function createAccountFromInvitation(
  prisma: PrismaClient,
  input: { token: string; name: string; newPassword: string },
  signUp: "invite" | "open" | "closed",
): Promise<ActionState> {
  if (signUp === "closed") throw new ActionError(NO_NEW_ACCOUNTS);
  const tokenHash = hashLinkToken(input.token);
  // Checked before hashing: a dead link costs no bcrypt work.
  const waiting = await prisma.invitation.findUnique({ where: { tokenHash }, select: { id: true } });
  if (!waiting) throw new ActionError(INVITATION_GONE);
  const passwordHash = await hashPassword(input.newPassword);
  return inTransaction(prisma, async (tx) => {
    await lockAccessChanges(tx);
    const invitation = await lockInvitation(tx, { tokenHash });
    if (!invitation || !isOpen(invitation)) throw new ActionError(INVITATION_GONE);
    if (await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } }))
      throw new ActionError(ACCOUNT_EXISTS);
    const user = await tx.user.create({
      data: { email: invitation.email, name: input.name, passwordHash },
      select: { id: true, email: true },
    });
    await recordAudit(tx, user, {
      action: "user.created_from_invitation",
      target: { type: "user", id: user.id, label: user.email },
      after: { invitation: invitation.id, organization: invitation.organization.name },
    });
    await joinOrganization(tx, user, invitation);
    return success(
      `Your account is ready, and you are ${invitation.role.name} in ${invitation.organization.name}. Sign in.`,
    );
  });
}

/** createAccountFromInvitation on the app's database: for the link's page, where nobody is signed in. */
export async function createAccountFromLink(
  input: { token: string; name: string; newPassword: string },
  signUp: "invite" | "open" | "closed",
): Promise<ActionState> {
  return createAccountFromInvitation(await getPrisma(), input, signUp);
}
