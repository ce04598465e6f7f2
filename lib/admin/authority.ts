// Rights over people, the same rule as granting: you may change someone's
// roles or access (grant, remove, re-time, disable, enable, sign out
// everywhere) only when every permission they hold, anywhere (global roles and
// every organization's memberships), is one you hold on the platform (through
// a global role). Otherwise a user manager could take the Admin role away from
// an admin, lock out an organization's admin, or end their sessions: power over
// someone stronger than you.
// The page hides what this refuses; the server refuses it whatever is sent.
import "server-only";
import { ActionError } from "@/lib/actions/state";
import type { Actor } from "@/lib/auth";
import { Prisma } from "@/lib/generated/prisma/client";
import { isOrganizationPermission, type Permission, PERMISSIONS } from "@/lib/permissions/catalogue";
import type { Tx } from "./transaction";

/** Permissions the target holds and the actor does not, in the order given. */
export function missingAuthority(actorPermissions: readonly string[], targetPermissions: readonly string[]) {
  return targetPermissions.filter((p) => !actorPermissions.includes(p));
}

const list = (items: string[]) =>
  items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

/** Why the actor may not change this person's access, in words the page and the refusal share. */
export function authorityRefusal(name: string, missing: string[]): string {
  return (
    `${name} holds ${list(missing)}, which you do not hold: only someone holding all of ` +
    `${name}'s permissions can change their access.`
  );
}

type Reader = Pick<Tx, "$queryRaw">;

/**
 * The permissions the user holds now (catalogue order): those of their
 * current global grants, and the organization permissions of their current
 * memberships, in `organizationId` or, when null, in every organization (a
 * membership carries nothing else: lib/permissions/catalogue.ts). Whether or
 * not the account is disabled, since enabling it gives them back.
 */
export async function heldPermissions(
  db: Reader,
  userId: string,
  organizationId: string | null,
  now = new Date(),
): Promise<Permission[]> {
  const inOrganization =
    organizationId === null ? Prisma.empty : Prisma.sql`AND "organizationId" = ${organizationId}`;
  const rows = await db.$queryRaw<{ permission: string; global: boolean }[]>`
    SELECT DISTINCT rp.permission, held.global FROM (
      SELECT "roleId", true AS global FROM "UserRole"
      WHERE "userId" = ${userId} AND ("expiresAt" IS NULL OR "expiresAt" > ${now})
      UNION
      SELECT "roleId", false AS global FROM "Membership"
      WHERE "userId" = ${userId} ${inOrganization} AND ("expiresAt" IS NULL OR "expiresAt" > ${now})
    ) held JOIN "RolePermission" rp ON rp."roleId" = held."roleId"`;
  // A membership's permission counts only when the catalogue lets organizations grant it.
  const held = new Set(
    rows.filter((r) => r.global || isOrganizationPermission(r.permission)).map((r) => r.permission),
  );
  return PERMISSIONS.filter((p) => held.has(p));
}

/** Refuses, before anything is written, when the target holds a permission the actor lacks. */
export async function refuseWithoutAuthority(
  tx: Tx,
  actor: Actor,
  user: { id: string; name: string },
): Promise<void> {
  const missing = missingAuthority(actor.globalPermissions, await heldPermissions(tx, user.id, null));
  if (missing.length > 0) throw new ActionError(authorityRefusal(user.name, missing));
}
