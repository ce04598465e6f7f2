// Rights over people, the same rule as granting: you may change someone's
// roles or access (grant, remove, re-time, disable, enable, sign out
// everywhere) only when every permission they hold is one you hold yourself.
// Otherwise a user manager could take the Admin role away from an admin, lock
// them out, or end their sessions: power over someone stronger than you.
// The page hides what this refuses; the server refuses it whatever is sent.
import "server-only";
import { ActionError } from "@/lib/actions/state";
import type { Actor } from "@/lib/auth";
import { PERMISSIONS } from "@/lib/permissions/catalogue";
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

/**
 * The user's effective permissions now (catalogue order): those of their
 * current (unexpired) grants, whether or not the account is disabled, since
 * enabling it gives them back. Call under the user's row lock.
 */
export async function effectivePermissionsOf(tx: Tx, userId: string, now = new Date()): Promise<string[]> {
  const rows = await tx.$queryRaw<{ permission: string }[]>`
    SELECT DISTINCT rp.permission
    FROM "UserRole" ur JOIN "RolePermission" rp ON rp."roleId" = ur."roleId"
    WHERE ur."userId" = ${userId} AND (ur."expiresAt" IS NULL OR ur."expiresAt" > ${now})`;
  const held = new Set(rows.map((r) => r.permission));
  return PERMISSIONS.filter((p) => held.has(p));
}

/** Refuses, before anything is written, when the target holds a permission the actor lacks. */
export async function refuseWithoutAuthority(
  tx: Tx,
  actor: Actor,
  user: { id: string; name: string },
): Promise<void> {
  const missing = missingAuthority(actor.permissions, await effectivePermissionsOf(tx, user.id));
  if (missing.length > 0) throw new ActionError(authorityRefusal(user.name, missing));
}
