// The users list: search by email or name, filter by role, keyset paging on
// the unique email index, so page 400 costs what page 1 costs. Reads the
// app's database itself: pages pass only what the visitor asked for.
import "server-only";
import { getPrisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { UserListQuery } from "@/lib/validations/admin";
import { permissionsByPlace, type Place, type PlacePermissions } from "./places";

const USERS_PAGE_SIZE = 25;

export type UserGrantBadge = { roleId: string; name: string; expiresAt: Date | null; expired: boolean };

/** A current membership: the role within one organization. */
export type UserMembershipBadge = { organization: Place; roleName: string; expiresAt: Date | null };

export type UserRow = {
  id: string;
  email: string;
  name: string;
  disabled: boolean;
  /** Global roles, ended ones included (struck through). */
  roles: UserGrantBadge[];
  memberships: UserMembershipBadge[];
  /** What counts now, place by place (./places.ts). */
  places: PlacePermissions[];
};

export type UserPage = {
  rows: UserRow[];
  total: number;
  /** Cursors for the neighbouring pages, or null at either end. */
  after: string | null;
  before: string | null;
};

/** A search term matched literally: % and _ typed by the admin are not wildcards. */
const literal = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

function whereOf(query: UserListQuery): Prisma.UserWhereInput {
  const where: Prisma.UserWhereInput = {};
  if (query.q) {
    const contains = literal(query.q);
    where.OR = [{ email: { contains, mode: "insensitive" } }, { name: { contains, mode: "insensitive" } }];
  }
  if (query.role) where.roles = { some: { roleId: query.role } };
  return where;
}

export async function listUsers(
  query: UserListQuery,
  { now = new Date(), pageSize = USERS_PAGE_SIZE }: { now?: Date; pageSize?: number } = {},
): Promise<UserPage> {
  const prisma = await getPrisma();
  const where = whereOf(query);
  const backwards = !!query.before && !query.after;
  const cursor = query.after ?? query.before;
  const [found, total] = await Promise.all([
    prisma.user.findMany({
      where: cursor ? { AND: [where, { email: backwards ? { lt: cursor } : { gt: cursor } }] } : where,
      orderBy: { email: backwards ? "desc" : "asc" },
      take: pageSize + 1,
      select: { id: true, email: true, name: true, disabledAt: true },
    }),
    prisma.user.count({ where }),
  ]);
  const more = found.length > pageSize;
  const page = found.slice(0, pageSize);
  if (backwards) page.reverse();
  const grants = await grantsOf(
    prisma,
    page.map((u) => u.id),
    now,
  );
  const rows = page.map((u): UserRow => {
    const own = grants.filter((g) => g.userId === u.id);
    const current = own.filter((g) => !g.expired);
    return {
      id: u.id,
      email: u.email,
      name: u.name,
      disabled: u.disabledAt !== null,
      roles: own
        .filter((g) => !g.organization)
        .map((g) => ({ roleId: g.roleId, name: g.roleName, expiresAt: g.expiresAt, expired: g.expired })),
      memberships: current.flatMap((g) =>
        g.organization
          ? [{ organization: g.organization, roleName: g.roleName, expiresAt: g.expiresAt }]
          : [],
      ),
      places: permissionsByPlace(current),
    };
  });
  const first = rows[0]?.email ?? null;
  const last = rows.at(-1)?.email ?? null;
  return {
    rows,
    total,
    // Forwards, a previous page exists when we came from a cursor; backwards, a next one does.
    after: (backwards ? !!cursor : more) ? last : null,
    before: (backwards ? more : !!cursor) ? first : null,
  };
}

type PageGrant = {
  userId: string;
  roleId: string;
  roleName: string;
  expiresAt: Date | null;
  expired: boolean;
  organization: Place | null;
  permissions: string[];
};

/**
 * Every grant of the page's users in one statement, whatever the page size:
 * global roles (ended ones too, shown struck through) and current memberships,
 * each with its role's permissions.
 */
async function grantsOf(
  prisma: Awaited<ReturnType<typeof getPrisma>>,
  userIds: string[],
  now: Date,
): Promise<PageGrant[]> {
  if (userIds.length === 0) return [];
  const rows = await prisma.$queryRaw<
    {
      userId: string;
      roleId: string;
      roleName: string;
      expiresAt: Date | null;
      organizationId: string | null;
      slug: string | null;
      organizationName: string | null;
      permissions: string[] | null;
    }[]
  >`
    SELECT g."userId", r.id AS "roleId", r.name AS "roleName", g."expiresAt",
           o.id AS "organizationId", o.slug, o.name AS "organizationName",
           (SELECT array_agg(rp.permission ORDER BY rp.permission) FROM "RolePermission" rp
             WHERE rp."roleId" = r.id) AS permissions
    FROM (
      SELECT "userId", "roleId", "expiresAt", NULL::text AS "organizationId" FROM "UserRole"
      WHERE "userId" IN (${Prisma.join(userIds)})
      UNION ALL
      SELECT "userId", "roleId", "expiresAt", "organizationId" FROM "Membership"
      WHERE "userId" IN (${Prisma.join(userIds)}) AND ("expiresAt" IS NULL OR "expiresAt" > ${now})
    ) g
    JOIN "Role" r ON r.id = g."roleId"
    LEFT JOIN "Organization" o ON o.id = g."organizationId"
    ORDER BY o.slug NULLS FIRST, r.name`;
  return rows.map((row) => ({
    userId: row.userId,
    roleId: row.roleId,
    roleName: row.roleName,
    expiresAt: row.expiresAt,
    expired: row.expiresAt !== null && row.expiresAt <= now,
    organization:
      row.organizationId && row.slug && row.organizationName
        ? { id: row.organizationId, slug: row.slug, name: row.organizationName }
        : null,
    permissions: row.permissions ?? [],
  }));
}
