import type { Prisma } from "@/lib/generated/prisma/client";

/** What an entry concerns: a user or role, or for sign-in limits an account (an email, existing or not) or a client address. */
type AuditTargetType = "user" | "role" | "account" | "address" | "organization";

type AuditEntry = {
  action: string;
  target: { type: AuditTargetType; id: string; label: string };
  userId?: string | null;
  roleId?: string | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
};

type AuditWriter = Pick<Prisma.TransactionClient, "auditEvent">;

/** Who made the change (any signed-in actor will do); null for the system (a sign-in limit). */
type AuditActor = { id: string; email: string } | null;

/** Writes one audit entry; call it with the transaction that makes the change. */
export async function recordAudit(tx: AuditWriter, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      action: entry.action,
      targetType: entry.target.type,
      targetId: entry.target.id,
      targetLabel: entry.target.label,
      userId: entry.userId ?? (entry.target.type === "user" ? entry.target.id : null),
      roleId: entry.roleId ?? (entry.target.type === "role" ? entry.target.id : null),
      ...(entry.before != null ? { before: entry.before } : {}),
      ...(entry.after != null ? { after: entry.after } : {}),
    },
  });
}
