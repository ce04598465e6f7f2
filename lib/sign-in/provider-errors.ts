// What the sign-in page says after a sign-in through a provider went wrong.
// next-auth sends the browser back to the page (pages.signIn, pages.error)
// with `?error=<code>`: ours from linked-accounts.ts, or next-auth's own.
// Anyone can write that query, so only a known code picks a sentence; the
// value itself is never shown.

/** Why linked-accounts.ts refused a provider's identity. */
export type ProviderRefusal = "EmailNotVerified" | "NoAccount" | "AccountDisabled" | "OtherIdentityLinked";

const MESSAGES: Record<ProviderRefusal, string> = {
  EmailNotVerified:
    "The provider did not confirm that your email address is verified, so it cannot be matched to an account here.",
  NoAccount:
    "No account here uses that email address, and new accounts cannot be created this way. Ask an administrator for an invitation.",
  AccountDisabled: "This account is disabled. Ask an administrator to enable it.",
  OtherIdentityLinked:
    "Your account here is already linked to another identity at this provider. Sign in with that one, or with your password.",
};

/** next-auth's codes for a provider sign-in that failed on the way (a refused consent, a bad answer). */
const NEXT_AUTH_CODES = new Set([
  "OAuthSignin",
  "OAuthCallback",
  "OAuthCreateAccount",
  "OAuthAccountNotLinked",
  "Callback",
  "AccessDenied",
  "Configuration",
  "Default",
]);

export const PROVIDER_FAILED =
  "Signing in through the provider did not work. Try again, or sign in with your email and password.";

/** The sentence for the sign-in page's `error` query, or null when it names nothing we know. */
export function providerErrorMessage(code: unknown): string | null {
  if (typeof code !== "string") return null;
  if (Object.hasOwn(MESSAGES, code)) return MESSAGES[code as ProviderRefusal];
  return NEXT_AUTH_CODES.has(code) ? PROVIDER_FAILED : null;
}
