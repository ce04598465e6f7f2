// Open sign-up (./sign-up.ts) for a request that reached this server, under
// the server's AUTH_SIGN_UP: only "open" takes requests and confirms links.
import "server-only";
import { headers } from "next/headers";
import { getPrisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { requestAddress } from "./client-address";
import { type MailedLinks, mailedLinks } from "./link-origin";
import {
  findSignUpRequest,
  finishSignUp,
  requestSignUp,
  type SignUpOutcome,
  type SignUpRequestInput,
  type SignUpRequestOutcome,
} from "./sign-up";

/** Why this server takes no sign-ups, in a sentence for the page; null when it does. */
export async function signUpUnavailable(): Promise<string | null> {
  return (await signUpLinks()).unavailable;
}

/** Where sign-up links point, or why this server takes no sign-ups (its mode, or no mail). */
async function signUpLinks(): Promise<MailedLinks> {
  const mode = env().signUp;
  if (mode === "invite")
    return { origin: null, unavailable: "Accounts on this server are created from an invitation's link." };
  if (mode === "closed") return { origin: null, unavailable: "This server does not take new accounts." };
  return mailedLinks("Sign-up");
}

export type StartSignUpOutcome = SignUpRequestOutcome | { kind: "unavailable"; message: string };

/** Counts the request against the sign-in limits; deliver() (run after the response) mails the link. */
export async function startSignUp(input: SignUpRequestInput): Promise<StartSignUpOutcome> {
  const links = await signUpLinks();
  if (links.unavailable !== null) return { kind: "unavailable", message: links.unavailable };
  const deps = { prisma: await getPrisma(), limits: env().signInLimits };
  return requestSignUp(deps, input, requestAddress(await headers()), links.origin);
}

/** Creates the account of a confirmed link, while this server still takes sign-ups. */
export async function confirmSignUp(token: string): Promise<SignUpOutcome> {
  if (env().signUp !== "open") return { kind: "invalid" };
  return finishSignUp({ prisma: await getPrisma() }, token);
}

/** The address and name a sign-up link is for, while it can be confirmed; null otherwise. */
export async function signUpLinkRequest(token: string): Promise<{ email: string; name: string } | null> {
  if (env().signUp !== "open") return null;
  return findSignUpRequest(await getPrisma(), token, Date.now());
}
