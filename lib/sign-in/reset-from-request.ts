// The password reset (./password-reset.ts) for a request that reached this
// server: the app's database and limits, the client's address, and the origin
// the link is written on. That origin is NEXTAUTH_URL, never the request's
// Host header, which the client writes: a forged Host would otherwise put the
// attacker's site in a real user's reset mail. Only while mail stays in the
// dev mailbox (it never leaves this machine) may the Host stand in for it.
import "server-only";
import { headers } from "next/headers";
import { getPrisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { mailUnavailableReason } from "@/lib/mail";
import { requestAddress } from "./client-address";
import {
  findResetToken,
  requestPasswordReset,
  resetPassword,
  type ResetOutcome,
  type ResetRequestOutcome,
} from "./password-reset";

const FEATURE = "Password reset";

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

/** Why this server cannot reset passwords, in a sentence for the page; null when it can. */
export async function passwordResetUnavailable(): Promise<string | null> {
  const noMail = mailUnavailableReason(FEATURE);
  if (noMail) return noMail;
  if (!(await linkOrigin()))
    return `${FEATURE} is unavailable: this server has no public address configured (NEXTAUTH_URL).`;
  return null;
}

type StartResetOutcome = ResetRequestOutcome | { kind: "unavailable"; message: string };

/** Counts the request against the sign-in limits; deliver() (run after the response) mails the link. */
export async function startPasswordReset(email: string): Promise<StartResetOutcome> {
  const message = await passwordResetUnavailable();
  const origin = await linkOrigin();
  if (message || !origin) return { kind: "unavailable", message: message ?? FEATURE };
  const deps = { prisma: await getPrisma(), limits: env().signInLimits };
  return requestPasswordReset(deps, email, requestAddress(await headers()), origin);
}

/** Sets the new password of the token's account, ending every session of it. */
export async function finishPasswordReset(token: string, newPassword: string): Promise<ResetOutcome> {
  return resetPassword({ prisma: await getPrisma() }, token, newPassword);
}

/** The address a reset link is for, while the link can be used; null otherwise. */
export async function resetLinkAccount(token: string): Promise<string | null> {
  return (await findResetToken(await getPrisma(), token, Date.now()))?.email ?? null;
}
