// The password reset (./password-reset.ts) for a request that reached this
// server: the app's database and limits, the client's address, and the origin
// the link is written on (./link-origin.ts).
import "server-only";
import { headers } from "next/headers";
import { getPrisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { requestAddress } from "./client-address";
import { mailedLinkUnavailable, mailedLinks } from "./link-origin";
import {
  findResetToken,
  requestPasswordReset,
  resetPassword,
  type ResetOutcome,
  type ResetRequestOutcome,
} from "./password-reset";

const FEATURE = "Password reset";

/** Why this server cannot reset passwords, in a sentence for the page; null when it can. */
export const passwordResetUnavailable = (): Promise<string | null> => mailedLinkUnavailable(FEATURE);

type StartResetOutcome = ResetRequestOutcome | { kind: "unavailable"; message: string };

/** Counts the request against the sign-in limits; deliver() (run after the response) mails the link. */
export async function startPasswordReset(email: string): Promise<StartResetOutcome> {
  const links = await mailedLinks(FEATURE);
  if (links.unavailable !== null) return { kind: "unavailable", message: links.unavailable };
  const deps = { prisma: await getPrisma(), limits: env().signInLimits };
  return requestPasswordReset(deps, email, requestAddress(await headers()), links.origin);
}

/** Sets the new password of the token's account, ending every session of it. */
export async function finishPasswordReset(token: string, newPassword: string): Promise<ResetOutcome> {
  return resetPassword({ prisma: await getPrisma() }, token, newPassword);
}

/** The address a reset link is for, while the link can be used; null otherwise. */
export async function resetLinkAccount(token: string): Promise<string | null> {
  return (await findResetToken(await getPrisma(), token, Date.now()))?.email ?? null;
}
