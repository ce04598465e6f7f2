import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address").max(254));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(200, "Password is too long"),
});

export type SignInInput = z.infer<typeof signInSchema>;

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
