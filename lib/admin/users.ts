// The users list: search by email or name, filter by role, keyset paging on
// the unique email index, so page 400 costs what page 1 costs. Reads the
// app's database itself: pages pass only what the visitor asked for.
import "server-only";
import { getPrisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { UserListQuery } from "@/lib/validations/admin";

export const USERS_PAGE_SIZE = 25;

export type UserGrantBadge = { roleId: string; name: string; expiresAt: Date | null; expired: boolean };

export type UserRow = { id: string; email: string; name: string; disabled: boolean; roles: UserGrantBadge[] };

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
      select: {
        id: true,
        email: true,
        name: true,
        disabledAt: true,
        roles: {
          select: { roleId: true, expiresAt: true, role: { select: { name: true } } },
          orderBy: { role: { name: "asc" } },
        },
      },
    }),
    prisma.user.count({ where }),
  ]);
  const more = found.length > pageSize;
  const page = found.slice(0, pageSize);
  if (backwards) page.reverse();
  const rows = page.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    disabled: u.disabledAt !== null,
    roles: u.roles.map((g) => ({
      roleId: g.roleId,
      name: g.role.name,
      expiresAt: g.expiresAt,
      expired: g.expiresAt !== null && g.expiresAt <= now,
    })),
  }));
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
