// The server-side rules every admin change obeys, whatever the form sent:
// nobody edits their own access, edits are made against the state the admin
// saw (a user's permissionsUpdatedAt, a role's version), and the last holder of roles.manage (or of the Admin role)
// keeps it. The current state always comes from the database. Who may act
// on whom (every permission the target holds) is in ./authority.ts.
import "server-only";
import { ActionError } from "@/lib/actions/state";
import type { Actor } from "@/lib/auth";
import type { Tx } from "./transaction";

/** The built-in role that must always have a member; it cannot be renamed or deleted. */
export const ADMIN_ROLE = "Admin";

// Any constant works; it only has to differ from other advisory locks in the
// database (Prisma's migrate takes 72707369).
const ACCESS_CHANGES_LOCK = 720_501;

export const STALE_USER = "This user was changed by someone else; reload to see the latest.";
export const STALE_ROLE = "This role was changed by someone else; reload to see the latest.";
export const USER_GONE = "This user no longer exists.";
export const ROLE_GONE = "This role no longer exists.";

/**
 * Changes that may take access away run one at a time, so two admins cannot
 * each remove a different last admin and both pass the check below. Held
 * until the transaction ends.
 */
export async function lockAccessChanges(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ACCESS_CHANGES_LOCK}::bigint)`;
}

export function refuseSelf(actor: Actor, userId: string): void {
  if (actor.id === userId) {
    throw new ActionError("You cannot change your own roles or access. Ask another administrator.");
  }
}

export type LockedUser = {
  id: string;
  email: string;
  name: string;
  disabledAt: Date | null;
  sessionsRevokedAt: Date | null;
};

/**
 * Locks the user's row until the transaction ends and checks that it is as
 * the form was rendered: its permissionsUpdatedAt, which the database moves
 * on every change to the user's access, whoever makes it; null: whatever it is now.
 */
export async function lockUser(
  tx: Tx,
  userId: string,
  permissionsUpdatedAt: number | null,
): Promise<LockedUser> {
  const rows = await tx.$queryRaw<(LockedUser & { permissionsUpdatedAt: Date })[]>`
    SELECT id, email, name, "disabledAt", "sessionsRevokedAt", "permissionsUpdatedAt"
    FROM "User" WHERE id = ${userId} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new ActionError(USER_GONE, { userId: [USER_GONE] });
  if (permissionsUpdatedAt !== null && row.permissionsUpdatedAt.getTime() !== permissionsUpdatedAt)
    throw new ActionError(STALE_USER);
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    disabledAt: row.disabledAt,
    sessionsRevokedAt: row.sessionsRevokedAt,
  };
}

export type LockedRole = { id: string; name: string; description: string; version: number };

/** Locks the role's row and checks the version the form carried. */
export async function lockRole(tx: Tx, roleId: string, version: number | null): Promise<LockedRole> {
  const rows = await tx.$queryRaw<LockedRole[]>`
    SELECT id, name, description, version FROM "Role" WHERE id = ${roleId} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new ActionError(ROLE_GONE, { roleId: [ROLE_GONE] });
  if (version !== null && row.version !== version) throw new ActionError(STALE_ROLE);
  return row;
}

/**
 * Refuses to hand out a global role carrying a permission the actor does not
 * hold through a global role (no escalation; a membership's grants count in
 * its organization only).
 */
export function refuseEscalation(actor: Actor, roleName: string, permissions: readonly string[]): void {
  const held: readonly string[] = actor.globalPermissions;
  const missing = permissions.filter((p) => !held.includes(p));
  if (missing.length > 0) {
    const message = `You cannot grant ${roleName}: it carries ${missing.join(", ")}, which you do not hold.`;
    throw new ActionError(message, { roleId: [message] });
  }
}

type AdminCounts = { managers: number; lastingManagers: number; admins: number; lastingAdmins: number };

/** Enabled users holding roles.manage / the Admin role now, and those holding it with no end date. */
async function countAdmins(tx: Tx, now: Date): Promise<AdminCounts> {
  const rows = await tx.$queryRaw<AdminCounts[]>`
    SELECT
      COUNT(DISTINCT u.id) FILTER (WHERE rp.permission IS NOT NULL)::int AS managers,
      COUNT(DISTINCT u.id) FILTER (WHERE rp.permission IS NOT NULL AND ur."expiresAt" IS NULL)::int AS "lastingManagers",
      COUNT(DISTINCT u.id) FILTER (WHERE r.name = ${ADMIN_ROLE})::int AS admins,
      COUNT(DISTINCT u.id) FILTER (WHERE r.name = ${ADMIN_ROLE} AND ur."expiresAt" IS NULL)::int AS "lastingAdmins"
    FROM "User" u
    JOIN "UserRole" ur ON ur."userId" = u.id AND (ur."expiresAt" IS NULL OR ur."expiresAt" > ${now})
    JOIN "Role" r ON r.id = ur."roleId"
    LEFT JOIN "RolePermission" rp ON rp."roleId" = r.id AND rp.permission = 'roles.manage'
    WHERE u."disabledAt" IS NULL`;
  return rows[0] ?? { managers: 0, lastingManagers: 0, admins: 0, lastingAdmins: 0 };
}

const lost = (before: number, after: number) => before > 0 && after === 0;

/**
 * Runs `change` (the write and its audit entry), then refuses, rolling both
 * back, if it left nobody holding roles.manage or the Admin role, now or
 * for good (an end date on the last lasting grant counts as losing it).
 * Compares with the state before, so an already broken setup does not block
 * unrelated changes. Call lockAccessChanges first.
 */
export async function keepingLastAdmins<T>(tx: Tx, change: () => Promise<T>): Promise<T> {
  const now = new Date();
  const before = await countAdmins(tx, now);
  const result = await change();
  const after = await countAdmins(tx, now);
  if (lost(before.managers, after.managers) || lost(before.lastingManagers, after.lastingManagers)) {
    throw new ActionError(
      "Refused: nobody would be left who can manage roles (roles.manage). Give it to someone else first.",
    );
  }
  if (lost(before.admins, after.admins) || lost(before.lastingAdmins, after.lastingAdmins)) {
    throw new ActionError(
      `Refused: nobody would be left with the ${ADMIN_ROLE} role. Give it to someone else first.`,
    );
  }
  return result;
}
