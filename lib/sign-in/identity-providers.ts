// next-auth providers for the identity providers configured in the
// environment (lib/env.ts): a generic OpenID Connect issuer ("oidc"), GitHub
// and Google. Each profile is read for one purpose: who the person is at the
// provider (the stable subject) and whether it vouches for their address
// (`email_verified === true`). Roles never come from here (./linked-accounts.ts).
import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { env, type IdentityProviderSettings } from "@/lib/env";

/** A provider the sign-in page offers: next-auth's id and the button's words. */
export type ConfiguredProvider = { id: "oidc" | "github" | "google"; label: string };

type Profile = Record<string, unknown>;

/** The configured providers, in the order the page shows them. */
export function configuredProviders(
  settings: IdentityProviderSettings = env().identityProviders,
): ConfiguredProvider[] {
  const list: ConfiguredProvider[] = [];
  if (settings.oidc) list.push({ id: "oidc", label: settings.oidc.name });
  if (settings.github) list.push({ id: "github", label: "GitHub" });
  if (settings.google) list.push({ id: "google", label: "Google" });
  return list;
}

/** A provider's name for people: the configured label, else a known name, else its id. */
export function providerLabel(id: string): string {
  const known: Record<string, string> = { github: "GitHub", google: "Google", oidc: "Single sign-on" };
  return configuredProviders().find((p) => p.id === id)?.label ?? known[id] ?? id;
}

/** next-auth's provider objects for the configured ones. */
export function identityProviders(
  settings: IdentityProviderSettings = env().identityProviders,
): OAuthConfig<Profile>[] {
  const providers: OAuthConfig<Profile>[] = [];
  if (settings.oidc) providers.push(openIdConnect(settings.oidc));
  if (settings.github) providers.push(github(settings.github));
  if (settings.google) providers.push(GoogleProvider(settings.google) as unknown as OAuthConfig<Profile>);
  return providers;
}

/**
 * Any OpenID Connect issuer, found through its discovery document. The ID
 * token is checked (signature, issuer, audience, PKCE and state), then the
 * userinfo endpoint adds the claims some issuers leave out of the ID token
 * (email, email_verified); openid-client refuses a userinfo answer about
 * another subject.
 */
function openIdConnect(oidc: NonNullable<IdentityProviderSettings["oidc"]>): OAuthConfig<Profile> {
  const issuer = oidc.issuer.replace(/\/+$/, "");
  return {
    id: "oidc",
    name: oidc.name,
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    userinfo: {
      async request({ tokens, client }) {
        // At run time an openid-client TokenSet (next-auth's types say only its parameters).
        const checked = tokens as Parameters<typeof client.userinfo>[0] & { claims(): Profile };
        return { ...(await client.userinfo(checked)), ...checked.claims() };
      },
    },
    profile: (profile) => ({
      id: String(profile.sub),
      name: typeof profile.name === "string" ? profile.name : null,
      email: typeof profile.email === "string" ? profile.email : null,
    }),
  };
}

type GitHubEmail = { email: string; primary: boolean; verified: boolean };

/**
 * GitHub's profile says nothing about verification, and its public address
 * may be any address the user typed. So the address used is the account's
 * primary one from /user/emails (scope user:email), and it counts as
 * verified only when GitHub marks it so. No answer: no verified address.
 */
function github(settings: { clientId: string; clientSecret: string }): OAuthConfig<Profile> {
  return GitHubProvider({
    ...settings,
    userinfo: {
      url: "https://api.github.com/user",
      async request({ client, tokens }) {
        const profile: Profile = { ...(await client.userinfo(tokens.access_token!)) };
        const primary = await primaryGitHubEmail(tokens.access_token!);
        return { ...profile, email: primary?.email, email_verified: primary?.verified === true };
      },
    },
  }) as unknown as OAuthConfig<Profile>;
}

export async function primaryGitHubEmail(
  accessToken: string,
  fetchImpl: typeof fetch = fetch,
): Promise<GitHubEmail | null> {
  const response = await fetchImpl("https://api.github.com/user/emails", {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/vnd.github+json" },
  }).catch(() => null);
  if (!response?.ok) return null;
  const emails = (await response.json().catch(() => [])) as GitHubEmail[];
  return (Array.isArray(emails) && emails.find((e) => e.primary === true)) || null;
}
