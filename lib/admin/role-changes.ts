// Creating, renaming, describing and deleting roles, and editing the
// permission matrix. The database moves Role.version and the members'
// permission stamps, so edits from an older version are refused and members
// see their new permissions on their next request.
import "server-only";
import { ActionError, type ActionState, success } from "@/lib/actions/state";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isOrganizationPermission, PERMISSIONS } from "@/lib/permissions/catalogue";
import type {
  CreateRoleInput,
  DeleteRoleInput,
  SetRolePermissionInput,
  UpdateRoleInput,
} from "@/lib/validations/admin";
import { roleNameKey } from "@/lib/validations/role-name";
import { formatCount } from "./format";
import { ADMIN_ROLE, keepingLastAdmins, type LockedRole, lockAccessChanges, lockRole } from "./guards";
import { inTransaction, type Tx } from "./transaction";

const NAME_TAKEN = "A role with this name already exists";

/**
 * Names that differ only in case or in compatibility forms (full-width
 * letters, ligatures) would be confusing in every list: treat them as taken.
 * Compared in code, since names written by SQL may not be normalised; roles
 * are few.
 */
async function refuseTakenName(tx: Tx, name: string, exceptId: string | null): Promise<void> {
  const key = roleNameKey(name);
  const roles = await tx.role.findMany({ select: { id: true, name: true } });
  if (roles.some((r) => r.id !== exceptId && roleNameKey(r.name) === key)) {
    throw new ActionError(NAME_TAKEN, { name: [NAME_TAKEN] });
  }
}

const inCatalogueOrder = (permissions: string[]) => PERMISSIONS.filter((p) => permissions.includes(p));

/** The role's permissions in catalogue order, as the audit log records them. */
async function permissionsOf(tx: Tx, roleId: string): Promise<string[]> {
  const rows = await tx.rolePermission.findMany({ where: { roleId }, select: { permission: true } });
  return inCatalogueOrder(rows.map((r) => r.permission));
}

/** The audit target of a change to this role, under the name it has afterwards. */
const roleTarget = (role: { id: string; name: string }) => ({
  type: "role" as const,
  id: role.id,
  label: role.name,
});

/**
 * For changes that may take access away from the role's members: they queue
 * behind other access changes, and the role is locked at the version the
 * admin saw (null: whatever it is now).
 */
async function changeRoleAccess<T>(
  prisma: PrismaClient,
  input: { roleId: string; version: number | null },
  change: (tx: Tx, role: LockedRole) => Promise<T>,
): Promise<T> {
  return inTransaction(prisma, async (tx) => {
    await lockAccessChanges(tx);
    return change(tx, await lockRole(tx, input.roleId, input.version));
  });
}

export async function createRole(
  prisma: PrismaClient,
  actor: Actor,
  input: CreateRoleInput,
): Promise<ActionState> {
  return inTransaction(
    prisma,
    async (tx) => {
      await refuseTakenName(tx, input.name, null);
      const role = await tx.role.create({ data: { name: input.name, description: input.description } });
      await recordAudit(tx, actor, {
        action: "role.created",
        target: roleTarget(role),
        after: { name: role.name, description: role.description, permissions: [] },
      });
      return success(`Created the role ${role.name}. Give it permissions in the matrix.`);
    },
    { field: "name", message: NAME_TAKEN },
  );
}

export async function updateRole(
  prisma: PrismaClient,
  actor: Actor,
  input: UpdateRoleInput,
): Promise<ActionState> {
  return inTransaction(
    prisma,
    async (tx) => {
      const role = await lockRole(tx, input.roleId, input.version);
      if (role.name === ADMIN_ROLE && input.name !== ADMIN_ROLE) {
        const message = `The ${ADMIN_ROLE} role keeps its name`;
        throw new ActionError(message, { name: [message] });
      }
      if (role.name === input.name && role.description === input.description) {
        return success("Nothing to change.");
      }
      if (role.name !== input.name) await refuseTakenName(tx, input.name, role.id);
      await tx.role.update({
        where: { id: role.id },
        data: { name: input.name, description: input.description },
      });
      await recordAudit(tx, actor, {
        action: "role.updated",
        target: roleTarget({ id: role.id, name: input.name }),
        before: { name: role.name, description: role.description },
        after: { name: input.name, description: input.description },
      });
      return success(`Saved ${input.name}.`);
    },
    { field: "name", message: NAME_TAKEN },
  );
}

export async function deleteRole(
  prisma: PrismaClient,
  actor: Actor,
  input: DeleteRoleInput,
): Promise<ActionState> {
  return changeRoleAccess(prisma, input, async (tx, role) => {
    if (role.name === ADMIN_ROLE) throw new ActionError(`The ${ADMIN_ROLE} role cannot be deleted.`);
    const members = await tx.userRole.count({ where: { roleId: role.id } });
    // The admin confirmed a number of members; if it moved, they confirm again.
    if (members !== input.members) {
      throw new ActionError(
        `${role.name} now has ${formatCount(members, "member")}; review and confirm the deletion again.`,
      );
    }
    const permissions = await permissionsOf(tx, role.id);
    return keepingLastAdmins(tx, async () => {
      await tx.role.delete({ where: { id: role.id } });
      await recordAudit(tx, actor, {
        action: "role.deleted",
        target: roleTarget(role),
        before: {
          name: role.name,
          description: role.description,
          permissions,
          members,
        },
      });
      return success(`Deleted ${role.name}; ${formatCount(members, "member")} lost it.`);
    });
  });
}

/**
 * One matrix cell. The form sends the state it wants, not a toggle, so a
 * repeated or late click cannot flip it back; that is why it needs no version.
 */
export async function setRolePermission(
  prisma: PrismaClient,
  actor: Actor,
  input: SetRolePermissionInput,
): Promise<ActionState> {
  return changeRoleAccess(prisma, { roleId: input.roleId, version: null }, async (tx, role) => {
    const before = await permissionsOf(tx, role.id);
    const has = before.includes(input.permission);
    const cell = `${role.name}: ${input.permission}`;
    if (has === (input.state === "grant"))
      return success(`No change: ${cell} is already ${has ? "on" : "off"}.`);

    // A role held in an organization keeps to organization permissions: a platform one would count nowhere.
    if (input.state === "grant" && !isOrganizationPermission(input.permission)) {
      const memberships = await tx.membership.count({ where: { roleId: role.id } });
      if (memberships > 0)
        throw new ActionError(
          `${role.name} is held in organizations (${memberships}), where ${input.permission} cannot count: ` +
            "give it to a role held on the platform instead.",
        );
    }
    const after = inCatalogueOrder(
      input.state === "grant" ? [...before, input.permission] : before.filter((p) => p !== input.permission),
    );
    const write = async () => {
      if (input.state === "grant") {
        await tx.rolePermission.create({ data: { roleId: role.id, permission: input.permission } });
      } else {
        await tx.rolePermission.delete({
          where: { roleId_permission: { roleId: role.id, permission: input.permission } },
        });
      }
      await recordAudit(tx, actor, {
        action: input.state === "grant" ? "role.permission.granted" : "role.permission.revoked",
        target: roleTarget(role),
        before: { permissions: before },
        after: { permissions: after },
      });
      return success(`${cell} ${input.state === "grant" ? "granted" : "removed"}.`);
    };
    return input.state === "revoke" ? keepingLastAdmins(tx, write) : write();
  });
}
