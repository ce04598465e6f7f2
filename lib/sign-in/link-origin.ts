// Where a mailed link points (a password reset, an invitation, a sign-up's
// confirmation). That origin is NEXTAUTH_URL, never the request's Host
// header, which the client writes: a forged Host would otherwise put the
// attacker's site in a real user's mail. Only while mail stays in the dev
// mailbox (it never leaves this machine) may the Host stand in for it.
import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { mailUnavailableReason } from "@/lib/mail";

/** The origin links are written on, for the request being served; null when this server has none. */
async function linkOrigin(): Promise<string | null> {
  const { appOrigin, mail } = env();
  if (appOrigin) return appOrigin;
  const host = mail.transport === "dev-mailbox" ? (await headers()).get("host") : null;
  if (!host) return null;
  try {
    return new URL(`http://${host}`).origin;
  } catch {
    return null;
  }
}

/** Where `feature`'s mailed links point, or why this server cannot mail them (a sentence for the page). */
export type MailedLinks = { origin: string; unavailable: null } | { origin: null; unavailable: string };

export async function mailedLinks(feature: string): Promise<MailedLinks> {
  const noMail = mailUnavailableReason(feature);
  if (noMail) return { origin: null, unavailable: noMail };
  const origin = await linkOrigin();
  if (!origin)
    return {
      origin: null,
      unavailable: `${feature} is unavailable: this server has no public address configured (NEXTAUTH_URL).`,
    };
  return { origin, unavailable: null };
}

/** Why `feature` (which mails a link) cannot work on this server; null when it can. */
export async function mailedLinkUnavailable(feature: string): Promise<string | null> {
  return (await mailedLinks(feature)).unavailable;
}
