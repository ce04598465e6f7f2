// lib/mail: one way to send mail. Through SMTP when SMTP_URL is set; else,
// outside production, into the dev mailbox (a table that /dev/mailbox and the
// tests read); else not at all, and the features that need mail say so.
import "server-only";
import { getPrisma } from "@/lib/db/client";
import { type DevMail, readDevMailbox } from "./dev-mailbox";

export { MailUnavailableError, sendMail } from "./send";
export type { MailMessage } from "./message";
export { devMailboxOpen, mailUnavailableReason } from "./status";
export type { DevMail };

/** The dev mailbox's newest messages, for /dev/mailbox (callers check devMailboxOpen first). */
export async function recentDevMail(limit = 50): Promise<DevMail[]> {
  return readDevMailbox(await getPrisma(), { limit });
}
