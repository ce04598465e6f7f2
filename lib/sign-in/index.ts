// lib/sign-in: how a user signs in and proves it again. next-auth's options
// (./next-auth.ts), the password check under the sign-in limits (./attempt.ts,
// ./limits.ts), the client address those limits count (./client-address.ts),
// where to go after signing in (./callback-url.ts), the signed-in password
// change (./password-change.ts), the reset by mail (./password-reset.ts), open
// sign-up confirmed by mail (./sign-up.ts), invitation mail
// (./invitation-mail.ts), and sign-in through identity providers
// (./identity-providers.ts, ./provider-sign-in.ts, ./linked-accounts.ts,
// ./provider-errors.ts).
// Built on lib/auth, which knows nothing of it.
export { safeCallbackUrl, signInTarget } from "./callback-url";
export { capturePeerAddresses } from "./client-address";
export { configuredProviders, type ConfiguredProvider } from "./identity-providers";
export { ownSignInMethods, type SignInMethod, signInMethodsOf } from "./linked-accounts";
export { authOptions, withRetryAfter } from "./next-auth";
export { changeOwnPassword, type PasswordChangeOutcome } from "./password-change";
export { RESET_LINK_MINUTES } from "./password-reset";
export { providerErrorMessage } from "./provider-errors";
export {
  finishPasswordReset,
  passwordResetUnavailable,
  resetLinkAccount,
  startPasswordReset,
} from "./reset-from-request";
export { SIGN_UP_LINK_HOURS } from "./sign-up";
export { confirmSignUp, signUpLinkRequest, signUpUnavailable, startSignUp } from "./sign-up-from-request";
export { type InvitationMessage, invitationMailUnavailable, mailInvitation } from "./invitation-mail";
