// Organizations as the core's claims extension (lib/auth/host.ts): the claims
// statement (lib/auth/claims.ts) gains one column, the user's current
// memberships and the organization the session asks for, read in the same
// snapshot as the permission stamp; ./organization-choice.ts picks the active
// one. Whatever a membership role holds, the core counts only the permissions
// the catalogue scopes to an organization.
import type { ClaimsExtension } from "@/lib/auth/host";
import { Prisma } from "@/lib/generated/prisma/client";
import { isPlatformAdminBy } from "@/lib/permissions/catalogue";
import { type MembershipRow, pickOrganization } from "./organization-choice";

type Column = {
  memberships: MembershipRow[] | null;
  requested: { id: string; slug: string; name: string } | null;
};

export const organizationClaims: ClaimsExtension = {
  column: (at, activeOrgId) => Prisma.sql`json_build_object(
    'memberships', (SELECT json_agg(json_build_object(
                      'id', o.id, 'slug', o.slug, 'name', o.name, 'role', mr.name,
                      'permissions', (SELECT COALESCE(json_agg(mp.permission), '[]'::json)
                                      FROM "RolePermission" mp WHERE mp."roleId" = mr.id),
                      'expiresAt', (extract(epoch FROM m."expiresAt") * 1000)::bigint))
                    FROM "Membership" m
                    JOIN "Organization" o ON o.id = m."organizationId"
                    JOIN "Role" mr ON mr.id = m."roleId"
                    WHERE m."userId" = u.id AND (m."expiresAt" IS NULL OR m."expiresAt" > ${at})),
    'requested', (SELECT json_build_object('id', ro.id, 'slug', ro.slug, 'name', ro.name)
                  FROM "Organization" ro WHERE ro.id = ${activeOrgId}))`,
  apply(value, { activeOrgId, globalPermissions }) {
    const { memberships, requested } = value as Column;
    return pickOrganization({
      memberships: memberships ?? [],
      requestedId: activeOrgId,
      requested,
      platformAdmin: isPlatformAdminBy(globalPermissions),
    });
  },
};
