// The identity providers built from the environment's settings, the GitHub
// rule for a verified address, and the sign-in page's words for an `error`
// query (only known codes get a sentence; the value is never echoed).
import { describe, expect, it, vi } from "vitest";
import { configuredProviders, identityProviders, primaryGitHubEmail } from "@/lib/sign-in/identity-providers";
import { PROVIDER_FAILED, providerErrorMessage } from "@/lib/sign-in/provider-errors";

const OIDC = {
  issuer: "https://id.example.com/realms/main/",
  clientId: "app",
  clientSecret: "s",
  name: "Acme SSO",
};
const PAIR = { clientId: "id", clientSecret: "secret" };

describe("identity providers", () => {
  it("none configured: no provider and no button", () => {
    expect(identityProviders({})).toEqual([]);
    expect(configuredProviders({})).toEqual([]);
  });

  it("OpenID Connect as provider id oidc, found through the issuer's discovery document, ID token checked", () => {
    const [oidc] = identityProviders({ oidc: OIDC });
    expect(oidc).toMatchObject({
      id: "oidc",
      name: "Acme SSO",
      type: "oauth",
      wellKnown: "https://id.example.com/realms/main/.well-known/openid-configuration",
      clientId: "app",
      clientSecret: "s",
      idToken: true,
      checks: ["pkce", "state"],
      authorization: { params: { scope: "openid email profile" } },
    });
    expect(oidc!.profile({ sub: "42", email: "a@example.test", name: "Ada" }, {})).toEqual({
      id: "42",
      email: "a@example.test",
      name: "Ada",
    });
  });

  it("the page lists each configured provider with its words, in a fixed order", () => {
    expect(configuredProviders({ google: PAIR, github: PAIR, oidc: OIDC })).toEqual([
      { id: "oidc", label: "Acme SSO" },
      { id: "github", label: "GitHub" },
      { id: "google", label: "Google" },
    ]);
    expect(identityProviders({ google: PAIR, github: PAIR }).map((p) => p.id)).toEqual(["github", "google"]);
  });

  it("GitHub: the primary address, verified only when GitHub says so; no answer, no address", async () => {
    const answer = (body: unknown, ok = true) =>
      vi.fn(async () => ({ ok, json: async () => body }) as unknown as Response);
    const emails = [
      { email: "public@example.test", primary: false, verified: true },
      { email: "main@example.test", primary: true, verified: false },
    ];
    expect(await primaryGitHubEmail("t", answer(emails))).toEqual(emails[1]);
    expect(await primaryGitHubEmail("t", answer(emails, false))).toBeNull();
    expect(await primaryGitHubEmail("t", answer({ message: "Bad credentials" }))).toBeNull();
    const failing = vi.fn(async () => Promise.reject(new Error("offline")));
    expect(await primaryGitHubEmail("t", failing as unknown as typeof fetch)).toBeNull();
  });

  it("the sign-in page says a known code in words, and nothing for anything else", () => {
    expect(providerErrorMessage("NoAccount")).toMatch(/No account here uses that email address/);
    expect(providerErrorMessage("EmailNotVerified")).toMatch(/verified/);
    expect(providerErrorMessage("AccountDisabled")).toMatch(/disabled/);
    expect(providerErrorMessage("OtherIdentityLinked")).toMatch(/another identity/);
    expect(providerErrorMessage("OAuthCallback")).toBe(PROVIDER_FAILED);
    expect(providerErrorMessage("AccessDenied")).toBe(PROVIDER_FAILED);
    expect(providerErrorMessage("<script>")).toBeNull();
    expect(providerErrorMessage("toString")).toBeNull();
    expect(providerErrorMessage(["NoAccount"])).toBeNull();
    expect(providerErrorMessage(undefined)).toBeNull();
  });
});
