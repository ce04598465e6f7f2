// Creating users, disabling and enabling them, and ending their sessions.
// Disabling and signing out set a column the database triggers watch, so the
// user's very next request is refused.
import "server-only";
import { ActionError, type ActionState, success } from "@/lib/actions/state";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth";
import { hashPassword } from "@/lib/security/password";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { CreateUserInput, RevokeSessionsInput, SetUserDisabledInput } from "@/lib/validations/admin";
import { refuseWithoutAuthority } from "./authority";
import { keepingLastAdmins, lockAccessChanges, lockUser, refuseEscalation } from "./guards";
import { inTransaction } from "./transaction";
import { changeUser, userTarget } from "./user-change";

const EMAIL_TAKEN = "A user with this email already exists";

export async function createUser(
  prisma: PrismaClient,
  actor: Actor,
  input: CreateUserInput,
): Promise<ActionState> {
  // Hashing is slow on purpose: do it before the transaction opens.
  const passwordHash = await hashPassword(input.password);
  return inTransaction(
    prisma,
    async (tx) => {
      const role = input.roleId
        ? await tx.role.findUnique({
            where: { id: input.roleId },
            select: { id: true, name: true, permissions: { select: { permission: true } } },
          })
        : null;
      if (input.roleId && !role)
        throw new ActionError("That role no longer exists.", { roleId: ["Choose another role"] });
      if (role)
        refuseEscalation(
          actor,
          role.name,
          role.permissions.map((p) => p.permission),
        );
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
        throw new ActionError(EMAIL_TAKEN, { email: [EMAIL_TAKEN] });
      }
      const user = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          passwordHash,
          ...(role ? { roles: { create: { roleId: role.id } } } : {}),
        },
        select: { id: true, email: true, name: true },
      });
      await recordAudit(tx, actor, {
        action: "user.created",
        target: userTarget(user),
        roleId: role?.id ?? null,
        after: { email: user.email, name: user.name, roles: role ? [role.name] : [] },
      });
      return success(`Created ${user.name} (${user.email}).`);
    },
    { field: "email", message: EMAIL_TAKEN },
  );
}

export async function setUserDisabled(
  prisma: PrismaClient,
  actor: Actor,
  input: SetUserDisabledInput,
): Promise<ActionState> {
  return changeUser(prisma, actor, input, async (tx, user) => {
    if ((user.disabledAt !== null) === input.disabled) {
      return success(`${user.name} is already ${input.disabled ? "disabled" : "enabled"}.`);
    }
    const disabledAt = input.disabled ? new Date() : null;
    return keepingLastAdmins(tx, async () => {
      await tx.user.update({ where: { id: user.id }, data: { disabledAt } });
      await recordAudit(tx, actor, {
        action: input.disabled ? "user.disabled" : "user.enabled",
        target: userTarget(user),
        before: { disabledAt: user.disabledAt?.toISOString() ?? null },
        after: { disabledAt: disabledAt?.toISOString() ?? null },
      });
      return success(
        input.disabled
          ? `${user.name} is disabled and signed out on their next request.`
          : `${user.name} can sign in again.`,
      );
    });
  });
}

/**
 * Ends every session of the user on its next request. Allowed on oneself
 * too; on anyone else only with every permission they hold.
 */
export async function revokeUserSessions(
  prisma: PrismaClient,
  actor: Actor,
  input: RevokeSessionsInput,
): Promise<ActionState> {
  return inTransaction(prisma, async (tx) => {
    const self = input.userId === actor.id;
    // Queued behind grant changes, so the permissions read below are the ones that count.
    if (!self) await lockAccessChanges(tx);
    const user = await lockUser(tx, input.userId, null);
    if (!self) await refuseWithoutAuthority(tx, actor, user);
    const revokedAt = new Date();
    await tx.user.update({ where: { id: user.id }, data: { sessionsRevokedAt: revokedAt } });
    await recordAudit(tx, actor, {
      action: "user.sessions.revoked",
      target: userTarget(user),
      before: { sessionsRevokedAt: user.sessionsRevokedAt?.toISOString() ?? null },
      after: { sessionsRevokedAt: revokedAt.toISOString() },
    });
    return success(`Every session of ${user.name} ends on its next request.`);
  });
}
