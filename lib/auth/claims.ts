// Reads a user's effective claims in ONE statement, so that the permissions
// and the permissionsUpdatedAt returned come from the same snapshot: a change
// that commits while claims are being rebuilt moves the permission stamp past
// the one returned here, and the next check rebuilds again. It is never "now".
import { Prisma } from "@/lib/generated/prisma/client";
import { isOrganizationPermission, type Permission, PERMISSIONS, scopeOf } from "@/lib/permissions/catalogue";
import { catalogueFingerprint, packPermissions } from "@/lib/permissions/pack";
import { type ClaimsExtension, configuredClaimsExtension, type PrismaClient, type ScopeClaims } from "./host";
import { roleNameMemo } from "./role-memo";
import type { TokenClaims } from "./token";

/** Names and scopes: a token packed when a permission counted elsewhere is rebuilt, not trusted. */
export const CATALOGUE_FINGERPRINT = catalogueFingerprint(PERMISSIONS.map((p) => `${p}:${scopeOf(p)}`));

export type UserClaims = TokenClaims & {
  /** Role names, for display only: code checks permissions. Not in the token (see role-memo.ts). */
  roles: string[];
  /** In effect in the active organization (global ∪ its membership grants), in catalogue order. */
  permissions: Permission[];
  /** Granted by global roles only: what counts on the platform. */
  globalPermissions: Permission[];
  disabledAt: number | null;
  sessionsRevokedAt: number | null;
};

type Row = {
  id: string;
  email: string;
  name: string;
  permissionsUpdatedAt: Date;
  disabledAt: Date | null;
  sessionsRevokedAt: Date | null;
  roles: string[];
  permissions: string[];
  grantExp: Date | null;
  /** The claims extension's column, when there is one. */
  scope: unknown;
};

const NO_SCOPE: ScopeClaims = { organization: null, roles: [], permissions: [], expiresAt: null };

/**
 * The user's claims, in the organization the claims extension picks for
 * `activeOrgId` (the host's, ./host.ts; ours: lib/tenancy/claims-extension.ts;
 * null: none, the user's global roles alone). Permissions = global
 * roles ∪ what the extension adds, of which only organization permissions
 * count (lib/permissions/catalogue.ts): a membership role that somehow holds
 * users.manage grants nothing on the platform, nor in the organization.
 */
export async function loadClaims(
  prisma: PrismaClient,
  userId: string,
  now: number,
  activeOrgId: string | null = null,
  extension: ClaimsExtension | null = configuredClaimsExtension() ?? null,
): Promise<UserClaims | null> {
  const at = new Date(now);
  const scope = extension ? extension.column(at, activeOrgId) : Prisma.sql`NULL`;
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT u.id, u.email, u.name,
           u."permissionsUpdatedAt", u."disabledAt", u."sessionsRevokedAt",
           COALESCE(array_agg(DISTINCT r.name) FILTER (WHERE r.name IS NOT NULL), '{}') AS roles,
           COALESCE(array_agg(DISTINCT rp.permission) FILTER (WHERE rp.permission IS NOT NULL), '{}') AS permissions,
           MIN(ur."expiresAt") AS "grantExp",
           ${scope} AS scope
    FROM "User" u
    LEFT JOIN "UserRole" ur ON ur."userId" = u.id AND (ur."expiresAt" IS NULL OR ur."expiresAt" > ${at})
    LEFT JOIN "Role" r ON r.id = ur."roleId"
    LEFT JOIN "RolePermission" rp ON rp."roleId" = r.id
    WHERE u.id = ${userId}
    GROUP BY u.id`;
  const row = rows[0];
  if (!row) return null;
  const globalPermissions = PERMISSIONS.filter((p) => row.permissions.includes(p));
  const choice = extension ? extension.apply(row.scope, { activeOrgId, globalPermissions }) : NO_SCOPE;
  const permissions = PERMISSIONS.filter(
    (p) => globalPermissions.includes(p) || (isOrganizationPermission(p) && choice.permissions.includes(p)),
  );
  const roles = [...new Set([...row.roles, ...choice.roles])].sort();
  const permissionsUpdatedAt = row.permissionsUpdatedAt.getTime();
  const grantExp = earliest(row.grantExp ? row.grantExp.getTime() : null, choice.expiresAt);
  const organization = choice.organization;
  // Whoever loads claims makes the role names known on this instance for this permission stamp.
  roleNameMemo().remember(
    { userId: row.id, permissionsUpdatedAt, grantExp, organizationId: organization?.id ?? null },
    roles,
  );
  return {
    userId: row.id,
    email: row.email,
    name: row.name,
    roles,
    permissions,
    globalPermissions,
    perms: packPermissions(permissions, PERMISSIONS),
    globalPerms: packPermissions(globalPermissions, PERMISSIONS),
    cat: CATALOGUE_FINGERPRINT,
    permissionsUpdatedAt,
    grantExp,
    organization,
    disabledAt: row.disabledAt ? row.disabledAt.getTime() : null,
    sessionsRevokedAt: row.sessionsRevokedAt ? row.sessionsRevokedAt.getTime() : null,
  };
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.min(a, b);
}

/** Why a session may not continue, or null when it may. */
export function refusalReason(claims: UserClaims | null, authAt: number): string | null {
  if (!claims) return "user no longer exists";
  if (claims.disabledAt !== null) return "user is disabled";
  if (claims.sessionsRevokedAt !== null && authAt <= claims.sessionsRevokedAt) return "session was revoked";
  return null;
}

/** The signed-in user behind a mutation, with permissions read from the database just now. */
export type Actor = {
  id: string;
  email: string;
  name: string;
  roles: string[];
  /** In effect in the active organization. */
  permissions: Permission[];
  /** From global roles: the actor's authority on the platform. */
  globalPermissions: Permission[];
};

export function actorFromClaims(claims: UserClaims): Actor {
  const { userId: id, email, name, roles, permissions, globalPermissions } = claims;
  return { id, email, name, roles, permissions, globalPermissions };
}
