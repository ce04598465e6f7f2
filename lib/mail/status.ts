// Whether this server can send mail, said once at start-up (instrumentation.ts)
// and by every feature that needs it. No server-only here: instrumentation
// loads this file, and it only reads the environment.
import { env } from "@/lib/env";

/** Why `feature` cannot work on this server (no mail configured), or null when it can. */
export function mailUnavailableReason(feature: string): string | null {
  if (env().mail.transport !== "unavailable") return null;
  return `${feature} is unavailable: this server has no mail configured (SMTP_URL).`;
}

/** Whether /dev/mailbox may show its messages: never on a production server that sends real mail. */
export function devMailboxOpen(): boolean {
  return env().mail.transport === "dev-mailbox";
}

/** One line in the server log at start-up, so a production server without mail is noticed at once. */
export function logMailStatus(): void {
  let mail;
  try {
    mail = env().mail;
  } catch {
    return; // an invalid environment is reported by the first request that reads it, as before
  }
  if (mail.transport === "unavailable")
    console.warn(
      "[mail] no SMTP_URL: mail cannot be sent, so password reset, invitation mail and sign-up are unavailable",
    );
  else if (mail.transport === "dev-mailbox")
    console.info("[mail] no SMTP_URL: mail is kept in the dev mailbox, at /dev/mailbox");
}
