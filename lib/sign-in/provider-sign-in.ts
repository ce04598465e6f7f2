// A sign-in through an identity provider, in next-auth's two callbacks.
//
// How `user` flows (next-auth 4.24, core/routes/callback.js, oauth branch):
// the provider's profile() result is passed to the signIn callback as `user`;
// with no adapter, core/lib/callback-handler.js returns that same object as
// `user`, and the jwt callback receives it. So the signIn callback resolves
// the link once (./linked-accounts.ts) and writes our user id onto that
// object, and the jwt callback builds the token for that id only, through
// the core's signInToken, exactly as for a password. The provider's `sub`,
// name, picture and any claim about roles go no further.
import "server-only";
import type { Account, Profile, User } from "next-auth";
import { headers } from "next/headers";
import { getPrisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { SessionOrigin } from "@/lib/auth/session-registry";
import { originOf } from "./client-address";
import { type ProviderIdentity, type ProviderSignIn, resolveProviderSignIn } from "./linked-accounts";

/** Put on next-auth's `user` by the signIn callback: whom the provider's identity signs in as. */
type SignedInAs = { userId: string; origin: SessionOrigin };
type ProviderUser = User & { signedInAs?: SignedInAs };

const UNKNOWN_ORIGIN: SessionOrigin = { userAgent: null, clientAddress: null };

/** What the provider vouches for, from its profile (ID token and userinfo claims). */
export function identityOf(account: Account, profile: Profile | undefined): ProviderIdentity {
  const claims = (profile ?? {}) as Record<string, unknown>;
  return {
    provider: account.provider,
    providerAccountId: account.providerAccountId,
    email: typeof claims.email === "string" ? claims.email : null,
    emailVerified: claims.email_verified === true,
    name: typeof claims.name === "string" ? claims.name : null,
  };
}

/**
 * next-auth's signIn callback. Credentials: true (authorize decided). A
 * provider: true once `user` carries our user id, else the sign-in page with
 * the refusal's code (provider-errors.ts says it in words).
 */
export async function allowSignIn(params: {
  user: User;
  account: Account | null;
  profile?: Profile;
}): Promise<true | string> {
  const { user, account, profile } = params;
  if (account?.type !== "oauth") return true;
  const outcome = await resolve(identityOf(account, profile));
  if (outcome.kind === "refused") {
    console.info(`[auth] ${account.provider} sign-in refused: ${outcome.code}`);
    return `/sign-in?error=${outcome.code}`;
  }
  const signedInAs: SignedInAs = { userId: outcome.userId, origin: await requestOrigin() };
  Object.assign(user as ProviderUser, { id: outcome.userId, signedInAs });
  return true;
}

/** The linking rule on the app's database; a failure is a refusal the page calls "did not work". */
async function resolve(
  identity: ProviderIdentity,
): Promise<ProviderSignIn | { kind: "refused"; code: "Callback" }> {
  try {
    return await resolveProviderSignIn(await getPrisma(), identity, env().signUp);
  } catch (error) {
    // The reason goes to the log, never into the URL.
    console.error("[auth] a provider sign-in could not be checked:", error);
    return { kind: "refused", code: "Callback" };
  }
}

/**
 * Our user id for the jwt callback of a provider sign-in. Never the
 * provider's subject: without the signIn callback's answer, no token.
 */
export function providerSignInOf(user: User): SignedInAs {
  const signedInAs = (user as ProviderUser).signedInAs;
  if (!signedInAs) throw new Error("provider sign-in without a resolved account");
  return signedInAs;
}

/**
 * The jwt callback has no request, but the callback route runs inside one:
 * Next's headers() reads it (the browser's own address and user agent, as
 * for a password sign-in). Outside a request (a test calling the callback),
 * the origin is unknown.
 */
async function requestOrigin(): Promise<SessionOrigin> {
  try {
    return originOf(await headers());
  } catch {
    return UNKNOWN_ORIGIN;
  }
}
