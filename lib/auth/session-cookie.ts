// One definition of the session cookie, shared by next-auth's options and the
// proxy, so both always agree on its name (a mismatch behind a TLS terminator
// makes the proxy silently see no session).

/** Thirty days, next-auth's default. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export function sessionCookieName(secure: boolean): string {
  return secure ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

export function sessionCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", secure };
}
