// The dev mailbox: mail kept in the "DevMail" table instead of sent, when no
// SMTP server is configured outside production (lib/env.ts decides). In the
// database rather than in memory so that a test, a second process or the
// /dev/mailbox page reads what any instance sent. Only the newest messages are
// kept: each new one deletes those past the cap.
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { MailMessage } from "./message";

const DEV_MAILBOX_CAP = 200;

export type DevMail = { id: string; to: string; subject: string; text: string; createdAt: Date };

export async function keepInDevMailbox(prisma: PrismaClient, message: MailMessage): Promise<void> {
  await prisma.devMail.create({ data: { to: message.to, subject: message.subject, text: message.text } });
  await prisma.$executeRaw`
    DELETE FROM "DevMail" WHERE id NOT IN (
      SELECT id FROM "DevMail" ORDER BY "createdAt" DESC, id DESC LIMIT ${DEV_MAILBOX_CAP}::int)`;
}

/** The newest messages first, to one address or to anyone. */
export function readDevMailbox(
  prisma: PrismaClient,
  { to, limit = 50 }: { to?: string; limit?: number } = {},
): Promise<DevMail[]> {
  return prisma.devMail.findMany({
    where: to ? { to } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(1, limit), DEV_MAILBOX_CAP),
    select: { id: true, to: true, subject: true, text: true, createdAt: true },
  });
}
