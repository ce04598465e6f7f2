// An invitation's mail (lib/admin/invitations.ts creates the invitation and
// hands this the token once its transaction committed). The link is written
// on this server's origin (./link-origin.ts) and mailed after the response,
// so the inviter's answer never waits for, or reveals, the delivery.
import "server-only";
import { after } from "next/server";
import { sendMail } from "@/lib/mail";
import { mailedLinkUnavailable, mailedLinks } from "./link-origin";

export type InvitationMessage = {
  email: string;
  token: string;
  organization: string;
  role: string;
  invitedBy: string;
  expiresAt: Date;
};

const FEATURE = "Invitation mail";

/** Why invitations cannot be mailed from this server, for the organization page; null when they can. */
export const invitationMailUnavailable = (): Promise<string | null> => mailedLinkUnavailable(FEATURE);

/**
 * Mails an invitation after the response, on this request's link origin.
 * Where mail cannot leave, it says so in the log; the invitee can still
 * accept from their home page once signed in under the address.
 */
export async function mailInvitation(message: InvitationMessage): Promise<void> {
  const links = await mailedLinks(FEATURE);
  if (links.unavailable !== null) {
    console.warn(`[mail] the invitation of ${message.email} was not mailed: ${links.unavailable}`);
    return;
  }
  const { origin } = links;
  after(() =>
    sendMail(invitationText(message, origin)).catch((error: unknown) =>
      console.error("[mail] an invitation was not sent:", error),
    ),
  );
}

function invitationText(message: InvitationMessage, origin: string) {
  return {
    to: message.email,
    subject: `You are invited to ${message.organization} on Live Authz`,
    text: [
      `${message.invitedBy} invites you to join ${message.organization} as ${message.role}.`,
      `To accept, open this link before ${message.expiresAt.toUTCString()}:`,
      "",
      `${origin}/invitations/${message.token}`,
      "",
      "It works once. Without an account yet, you can create one from the link.",
      "If you do not know why you got this, ignore it: nothing happens unless you accept.",
    ].join("\n"),
  };
}
