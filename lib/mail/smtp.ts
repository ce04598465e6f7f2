// Sending through the SMTP server of SMTP_URL with nodemailer. One transport
// per process and URL: it pools nothing by default, so keeping it only saves
// parsing the URL again. Timeouts are bounded, so a dead server costs a
// request seconds, not minutes.
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { processSlot } from "@/lib/process-state";
import type { MailMessage } from "./message";

const transports = processSlot<Map<string, Transporter>>("smtpTransports");

function transportFor(smtpUrl: string): Transporter {
  let byUrl = transports.get();
  if (!byUrl) transports.set((byUrl = new Map()));
  let transport = byUrl.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } as Parameters<typeof nodemailer.createTransport>[0]);
    byUrl.set(smtpUrl, transport);
  }
  return transport;
}

export async function sendThroughSmtp(smtpUrl: string, from: string, message: MailMessage): Promise<void> {
  await transportFor(smtpUrl).sendMail({ from, ...message });
}
