// The audit log, newest first, with keyset paging on (at, id) and filters by
// the user concerned, the role concerned and the actor.
import "server-only";
import { getPrisma } from "@/lib/db/client";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { AuditQuery } from "@/lib/validations/admin";
import { type AuditChange, describeAuditChange } from "./format";

const AUDIT_PAGE_SIZE = 25;

export type AuditRow = {
  id: string;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string;
  targetLabel: string;
  userId: string | null;
  roleId: string | null;
  changes: AuditChange[];
};

export type AuditFilter = { param: "user" | "actor" | "role"; id: string; label: string };

export type AuditPage = {
  rows: AuditRow[];
  filters: AuditFilter[];
  after: string | null;
  before: string | null;
};

type Cursor = { at: Date; id: bigint };

const encodeCursor = (row: { at: Date; id: bigint }) => `${row.at.getTime()}.${row.id}`;

function decodeCursor(value: string | undefined): Cursor | null {
  const match = /^(\d{1,15})\.(\d{1,19})$/.exec(value ?? "");
  return match ? { at: new Date(Number(match[1])), id: BigInt(match[2]!) } : null;
}

/** A user named by id or by email (typed into the filter form); labelled by email. */
async function resolveUser(prisma: PrismaClient, ref: string): Promise<{ id: string; label: string }> {
  const user = await prisma.user.findUnique({
    where: ref.includes("@") ? { email: ref.toLowerCase() } : { id: ref },
    select: { id: true, email: true },
  });
  return user ? { id: user.id, label: user.email } : { id: ref, label: `${ref} (no such user)` };
}

/** A role by id; a deleted role keeps the name its audit entries recorded. */
async function resolveRole(prisma: PrismaClient, id: string): Promise<{ id: string; label: string }> {
  const role = await prisma.role.findUnique({ where: { id }, select: { name: true } });
  if (role) return { id, label: role.name };
  const seen = await prisma.auditEvent.findFirst({
    where: { targetType: "role", targetId: id },
    orderBy: { id: "desc" },
    select: { targetLabel: true },
  });
  return { id, label: seen ? `${seen.targetLabel} (deleted)` : `${id} (no such role)` };
}

export async function listAuditEvents(query: AuditQuery, pageSize = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  const prisma = await getPrisma();
  const filters: AuditFilter[] = [];
  if (query.user) filters.push({ param: "user", ...(await resolveUser(prisma, query.user)) });
  if (query.actor) filters.push({ param: "actor", ...(await resolveUser(prisma, query.actor)) });
  if (query.role) filters.push({ param: "role", ...(await resolveRole(prisma, query.role)) });

  const where: Prisma.AuditEventWhereInput = {};
  for (const f of filters)
    where[f.param === "user" ? "userId" : f.param === "actor" ? "actorId" : "roleId"] = f.id;

  const older = decodeCursor(query.after);
  const newer = older ? null : decodeCursor(query.before);
  const cursor = older ?? newer;
  const op = newer ? "gt" : "lt";
  const found = await prisma.auditEvent.findMany({
    where: cursor
      ? { AND: [where, { OR: [{ at: { [op]: cursor.at } }, { at: cursor.at, id: { [op]: cursor.id } }] }] }
      : where,
    orderBy: newer ? [{ at: "asc" }, { id: "asc" }] : [{ at: "desc" }, { id: "desc" }],
    take: pageSize + 1,
  });
  const more = found.length > pageSize;
  const page = found.slice(0, pageSize);
  if (newer) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  return {
    rows: page.map((e) => ({
      id: String(e.id),
      at: e.at,
      actorId: e.actorId,
      actorEmail: e.actorEmail,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      targetLabel: e.targetLabel,
      userId: e.userId,
      roleId: e.roleId,
      changes: describeAuditChange(e.before, e.after),
    })),
    filters,
    after: last && (newer ? true : more) ? encodeCursor(last) : null,
    before: first && (newer ? more : !!older) ? encodeCursor(first) : null,
  };
}
