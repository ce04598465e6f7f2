// Rights within an organization. Whoever manages an organization's members
// holds, counted in that organization (global grants ∪ memberships there),
// members.manage or users.manage: a platform admin through a
// global grant, an organization admin through a membership of that
// organization only, so they reach no other one. And the rule of
// ./authority.ts holds per organization: you grant only roles whose
// permissions you hold there, and change only members who hold nothing there
// that you lack. Read from the database at the moment of the change.
import "server-only";
import { ActionError } from "@/lib/actions/state";
import type { Actor } from "@/lib/auth";
import { isOrganizationPermission, MEMBER_MANAGING_PERMISSIONS } from "@/lib/permissions/catalogue";
import { authorityRefusal, heldPermissions, missingAuthority } from "./authority";
import type { Tx } from "./transaction";

const NOT_YOUR_ORGANIZATION = "You do not manage the members of this organization.";

/** The user's permissions in the organization now: global grants ∪ the organization permissions of its memberships. */
export const permissionsInOrganization = (
  db: Pick<Tx, "$queryRaw">,
  userId: string,
  organizationId: string,
) => heldPermissions(db, userId, organizationId);

const managesMembers = (permissions: readonly string[]) =>
  MEMBER_MANAGING_PERMISSIONS.some((p) => permissions.includes(p));

/** The actor's permissions in the organization, or a refusal when they do not manage its members. */
export async function refuseUnlessManager(tx: Tx, actor: Actor, organizationId: string): Promise<string[]> {
  const permissions = await permissionsInOrganization(tx, actor.id, organizationId);
  if (!managesMembers(permissions)) throw new ActionError(NOT_YOUR_ORGANIZATION);
  return permissions;
}

/** Refuses a member who holds, in this organization, a permission the actor lacks there. */
export async function refuseStrongerMember(
  tx: Tx,
  actorPermissions: readonly string[],
  member: { id: string; name: string },
  organizationId: string,
): Promise<void> {
  const missing = missingAuthority(
    actorPermissions,
    await permissionsInOrganization(tx, member.id, organizationId),
  );
  if (missing.length > 0) throw new ActionError(authorityRefusal(member.name, missing));
}

/** The words of a refusal of a role that holds a platform permission for a membership. */
const platformRoleRefusal = (role: string, platform: readonly string[]) =>
  `${role} carries ${platform.join(", ")}, which count on the platform only: a membership cannot hold it.`;

/**
 * Refuses a role a membership cannot hold (one with a platform permission), or
 * carrying a permission the actor does not hold in this organization.
 */
export async function refuseStrongerRole(
  tx: Tx,
  actorPermissions: readonly string[],
  roleId: string,
): Promise<{ id: string; name: string }> {
  const role = await tx.role.findUnique({
    where: { id: roleId },
    select: { id: true, name: true, permissions: { select: { permission: true } } },
  });
  if (!role)
    throw new ActionError("This role no longer exists.", { roleId: ["This role no longer exists."] });
  const platform = role.permissions.map((p) => p.permission).filter((p) => !isOrganizationPermission(p));
  if (platform.length > 0)
    throw new ActionError("A membership holds organization permissions only.", {
      roleId: [platformRoleRefusal(role.name, platform)],
    });
  const missing = missingAuthority(
    actorPermissions,
    role.permissions.map((p) => p.permission),
  );
  if (missing.length > 0)
    throw new ActionError(`You can grant only roles whose permissions you hold in this organization.`, {
      roleId: [`${role.name} carries ${missing.join(", ")}, which you do not hold here.`],
    });
  return { id: role.id, name: role.name };
}
