import { z } from "zod";
import { isCommonPassword } from "./common-passwords";
import { HOSTILE_TEXT, hasHostileCharacters, safeText } from "./text";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address").max(254));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(200, "Password is too long"),
});

/** POST /api/tokens: the shape only; attemptSignIn checks the values, so every wrong pair gets one answer. */
export const tokenRequestSchema = z.strictObject({
  email: z.string().max(320),
  password: z.string().max(1024),
});

/** POST /api/tokens/refresh: "<session id>.<43 base64url characters>". */
export const refreshRequestSchema = z.strictObject({
  refreshToken: z.string().max(200),
});

/** A session id in a path (DELETE /api/me/sessions/{id}). */
export const sessionIdSchema = z.uuid();

/** The shortest password the app accepts when one is chosen (a new user, a change). */
export const MIN_PASSWORD_LENGTH = 8;

// Not trimmed: every character of a password counts. Control characters would be typed by nobody.
const password = (required: string) =>
  z
    .string(required)
    .min(1, required)
    .max(200, "Use at most 200 characters")
    .refine((value) => !hasHostileCharacters(value), HOSTILE_TEXT);

export const COMMON_PASSWORD = "This password is one of the most common: choose another";

/** A password being chosen (a new account, a change, a reset): long enough, and not one that is guessed first. */
export const newPassword = (required = "Enter a new password") =>
  password(required)
    .refine((value) => value.length >= MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
    .refine((value) => !isCommonPassword(value), COMMON_PASSWORD);

/** A new account's password, typed twice: spread into its object, then refine with typedAlike. */
export const accountPassword = () => ({
  newPassword: newPassword("Choose a password"),
  confirmPassword: password("Enter the password again"),
});
export const typedAlike: [
  (input: { newPassword: string; confirmPassword: string }) => boolean,
  { path: string[]; message: string },
] = [
  (input) => input.confirmPassword === input.newPassword,
  { path: ["confirmPassword"], message: "The two passwords differ" },
];

const confirmed = { path: ["confirmPassword"], message: "The two new passwords differ" };

/** The signed-in user's password change (the profile page's form). */
export const changePasswordSchema = z
  .object({
    currentPassword: password("Enter your current password"),
    newPassword: newPassword(),
    confirmPassword: password("Enter the new password again"),
  })
  .refine((input) => input.confirmPassword === input.newPassword, confirmed)
  .refine((input) => input.newPassword !== input.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password other than the current one",
  });

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** "Forgot password?": an address only; the answer never says whether it has an account. */
export const forgotPasswordSchema = z.object({ email: emailSchema });

/** A person's display name, not an identifier (the email is): any script, canonical form. */
export const personName = () =>
  safeText("Enter a name").normalize("NFC").min(1, "Enter a name").max(100, "Use at most 100 characters");

/** A mailed link's token (a reset, an invitation, a sign-up): 32 random bytes, base64url (lib/security/link-token.ts). */
export const linkTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This link is not valid");

/** Setting a new password from a reset link. */
export const resetPasswordSchema = z
  .object({
    token: linkTokenSchema,
    newPassword: newPassword(),
    confirmPassword: password("Enter the new password again"),
  })
  .refine((input) => input.confirmPassword === input.newPassword, confirmed);

/** /sign-up (AUTH_SIGN_UP=open): the account is created once the mailed link is confirmed. */
export const signUpSchema = z
  .object({
    name: personName(),
    email: emailSchema,
    ...accountPassword(),
  })
  .refine(...typedAlike);

/** Confirming a sign-up link (a button on its page: opening a link changes nothing). */
export const confirmSignUpSchema = z.object({ token: linkTokenSchema });

/** The profile page's own details. */
export const updateProfileSchema = z.object({ name: personName() });
export type UpdateProfileInput = z.infer<typeof updateProfileSchema>;
