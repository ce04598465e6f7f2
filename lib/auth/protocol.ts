// What the server and the browser both know: the header every signed-in
// response carries, the claims handed to the browser, and the words of a
// refusal. No server code here, so client components import this file.
import type { Permission } from "@/lib/permissions/catalogue";
/** Carries the user's permissionsUpdatedAt (ms) the response was served with; the client refetches when it moves. */
export const PERMISSIONS_HEADER = "X-Permissions-Updated";

/** What the browser is told about the signed-in user's claims (GET /api/me/permissions, each page render). */
export type ClientClaims = {
  roles: string[];
  /** In effect in the active organization: global grants ∪ its membership grants. */
  permissions: Permission[];
  /** Granted by global roles: the only ones that count on the platform. */
  globalPermissions: Permission[];
  permissionsUpdatedAt: number;
  /** The active organization (the tenant key): its membership roles count, its rows are the ones read. */
  organization: ActiveOrganization | null;
  /** When the user last chose the active organization (ms): a switch, else sign-in. A switch moves no permission stamp. */
  organizationChosenAt: number;
};

/** The organization whose data and membership roles a session works with: the tenant key. */
export type ActiveOrganization = { id: string; slug: string; name: string };

/** One of the signed-in user's sessions (GET /api/me/sessions, the home page's list). */
export type OwnSession = {
  id: string;
  kind: "browser" | "token";
  /** The session making this request. */
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
};

/** Permissions cannot be checked (the database is unreachable): we fail closed. */
export const PERMISSIONS_UNAVAILABLE = "Permissions cannot be checked right now. Try again in a moment.";

export const SIGN_IN_REQUIRED = "Sign in to use this endpoint.";

/** A session that was refused (revoked, disabled, past its lifetime) on an API or an action. */
export const SESSION_ENDED = "Your session has ended. Sign in again.";

// What the credentials callback tells the sign-in form. next-auth's client
// signIn() hands the form only the `error` query parameter of the URL the
// callback answers with, so a limited answer carries its wait in that code:
// "TooManyAttempts:900" (seconds).

const TOO_MANY_ATTEMPTS = "TooManyAttempts";

/** The error code the credentials callback answers with while a limit holds. */
export function limitedErrorCode(retryAfterSeconds: number): string {
  return `${TOO_MANY_ATTEMPTS}:${Math.max(1, Math.ceil(retryAfterSeconds))}`;
}

/** The seconds to wait if `code` says a limit holds, else null. */
export function parseLimitedError(code: string | null | undefined): number | null {
  const match = /^TooManyAttempts:(\d{1,9})$/.exec(code ?? "");
  return match ? Number(match[1]) : null;
}

/** "Too many attempts. Try again in 15 minutes." (whole minutes, rounded up). */
export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

export const INCORRECT_CREDENTIALS = "Email or password is incorrect.";

export const SIGN_IN_UNAVAILABLE = "Sign-in is not available right now. Try again in a moment.";

/** The message for a next-auth sign-in error code. */
export function signInErrorMessage(code: string | null | undefined): string {
  const wait = parseLimitedError(code);
  if (wait !== null) return tooManyAttemptsMessage(wait);
  return !code || code === "CredentialsSignin" ? INCORRECT_CREDENTIALS : SIGN_IN_UNAVAILABLE;
}

/** The error code thrown from `authorize` when the database (or anything else) failed. */
export const SIGN_IN_FAILED_CODE = "SignInUnavailable";
