// Granting, removing and re-timing a user's roles. Each change locks the
// user as the admin saw them (their permissionsUpdatedAt), refuses self-edits and escalation, and
// writes its audit entry in the same transaction; the database triggers move
// the user's permission stamp, so their next request sees the change.
import "server-only";
import { ActionError, type ActionState, success } from "@/lib/actions/state";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ChangeExpiryInput, GrantRoleInput, RevokeRoleInput } from "@/lib/validations/admin";
import { describeEnd, formatTime } from "./format";
import { keepingLastAdmins, refuseEscalation, ROLE_GONE } from "./guards";
import type { Tx } from "./transaction";
import { changeUser, userTarget } from "./user-change";

const endOf = (at: Date | null) => (at ? `ends ${formatTime(at)}` : "never ends");

async function roleNamesOf(tx: Tx, userId: string): Promise<string[]> {
  const grants = await tx.userRole.findMany({
    where: { userId },
    select: { role: { select: { name: true } } },
  });
  return grants.map((g) => g.role.name).sort();
}

async function findRole(tx: Tx, roleId: string) {
  const role = await tx.role.findUnique({
    where: { id: roleId },
    select: { id: true, name: true, permissions: { select: { permission: true } } },
  });
  if (!role) throw new ActionError(ROLE_GONE, { roleId: [ROLE_GONE] });
  return { id: role.id, name: role.name, permissions: role.permissions.map((p) => p.permission) };
}

async function findGrant(tx: Tx, userId: string, roleId: string) {
  const grant = await tx.userRole.findUnique({
    where: { userId_roleId: { userId, roleId } },
    select: {
      expiresAt: true,
      role: { select: { name: true, permissions: { select: { permission: true } } } },
    },
  });
  if (!grant) {
    throw new ActionError("This user does not have that role (any more).", { roleId: ["Not granted"] });
  }
  return grant;
}

export async function grantUserRole(
  prisma: PrismaClient,
  actor: Actor,
  input: GrantRoleInput,
): Promise<ActionState> {
  return changeUser(prisma, actor, input, async (tx, user) => {
    const role = await findRole(tx, input.roleId);
    refuseEscalation(actor, role.name, role.permissions);
    const before = await roleNamesOf(tx, user.id);
    if (before.includes(role.name)) {
      throw new ActionError(`${user.name} already has ${role.name}.`, {
        roleId: ["Already granted; change its end date instead"],
      });
    }
    await tx.userRole.create({ data: { userId: user.id, roleId: role.id, expiresAt: input.expiresAt } });
    await recordAudit(tx, actor, {
      action: "user.role.granted",
      target: userTarget(user),
      roleId: role.id,
      before: { roles: before },
      after: {
        roles: [...before, role.name].sort(),
        ...(input.expiresAt ? { expiresAt: input.expiresAt.toISOString() } : {}),
      },
    });
    return success(`${role.name} granted to ${user.name}${describeEnd(input.expiresAt)}.`);
  });
}

export async function revokeUserRole(
  prisma: PrismaClient,
  actor: Actor,
  input: RevokeRoleInput,
): Promise<ActionState> {
  return changeUser(prisma, actor, input, async (tx, user) => {
    const grant = await findGrant(tx, user.id, input.roleId);
    const before = await roleNamesOf(tx, user.id);
    return keepingLastAdmins(tx, async () => {
      await tx.userRole.delete({ where: { userId_roleId: { userId: user.id, roleId: input.roleId } } });
      await recordAudit(tx, actor, {
        action: "user.role.revoked",
        target: userTarget(user),
        roleId: input.roleId,
        before: { roles: before },
        after: { roles: before.filter((name) => name !== grant.role.name) },
      });
      return success(`${grant.role.name} removed from ${user.name}.`);
    });
  });
}

export async function changeGrantExpiry(
  prisma: PrismaClient,
  actor: Actor,
  input: ChangeExpiryInput,
): Promise<ActionState> {
  return changeUser(prisma, actor, input, async (tx, user) => {
    const grant = await findGrant(tx, user.id, input.roleId);
    const roleName = grant.role.name;
    // Extending a grant hands out access just like granting it.
    refuseEscalation(
      actor,
      roleName,
      grant.role.permissions.map((p) => p.permission),
    );
    if ((grant.expiresAt?.getTime() ?? null) === (input.expiresAt?.getTime() ?? null)) {
      return success(`Nothing to change: ${roleName} already ${endOf(input.expiresAt)}.`);
    }
    return keepingLastAdmins(tx, async () => {
      await tx.userRole.update({
        where: { userId_roleId: { userId: user.id, roleId: input.roleId } },
        data: { expiresAt: input.expiresAt },
      });
      await recordAudit(tx, actor, {
        action: "user.role.expiry_changed",
        target: userTarget(user),
        roleId: input.roleId,
        before: { role: roleName, expiresAt: grant.expiresAt?.toISOString() ?? null },
        after: { role: roleName, expiresAt: input.expiresAt?.toISOString() ?? null },
      });
      return success(`${roleName} for ${user.name} now ${endOf(input.expiresAt)}.`);
    });
  });
}
