import "server-only";
import { getPrisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { keepInDevMailbox } from "./dev-mailbox";
import { type MailMessage, mailMessageSchema } from "./message";
import { sendThroughSmtp } from "./smtp";

/** Thrown when this server has no way to send mail: never a silent drop. */
export class MailUnavailableError extends Error {
  constructor() {
    super("Mail cannot be sent: this server has no mail configured (SMTP_URL).");
    this.name = "MailUnavailableError";
  }
}

/** Sends one message through SMTP, or keeps it in the dev mailbox (lib/env.ts says which). */
export async function sendMail(input: MailMessage): Promise<void> {
  const message = mailMessageSchema.parse(input);
  const { mail } = env();
  switch (mail.transport) {
    case "smtp":
      return sendThroughSmtp(mail.smtpUrl, mail.from, message);
    case "dev-mailbox":
      return keepInDevMailbox(await getPrisma(), message);
    case "unavailable":
      throw new MailUnavailableError();
  }
}
