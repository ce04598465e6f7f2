// The two halves of next-auth's `jwt` callback, for any app that adopts the
// core (docs/ADOPT.md; ours: lib/sign-in/next-auth.ts):
//   jwt: ({ token, user }) => (user ? signInToken(token, user.id) : refreshedToken(token))
// At sign-in the token gets the user's claims and its row in the session
// registry; on every later call (getServerSession, /api/auth/session) it goes
// through the same freshness check as the proxy, so next-auth never hands out
// stale claims either.
import type { JWT } from "next-auth/jwt";
import { loadClaims, refusalReason } from "./claims";
import { checkSessionFreshness } from "./fresh-session";
import { liveClaimsHost } from "./host";
import { createSession, type SessionOrigin } from "./session-registry";
import { type AuthToken, isAuthToken, withClaims } from "./token";

/** Thrown from the jwt callback so next-auth drops a session that may not continue. */
export class SessionRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`session refused: ${reason}`);
    this.name = "SessionRefusedError";
  }
}

const UNKNOWN_ORIGIN: SessionOrigin = { userAgent: null, clientAddress: null };

/**
 * The token of a sign-in that just succeeded: the user's claims and their
 * permission stamp, read in one statement, and a new row in the session
 * registry. A disable or revocation that committed after the password check
 * still wins: the sign-in is refused.
 */
export async function signInToken(
  token: JWT,
  userId: string,
  origin: SessionOrigin = UNKNOWN_ORIGIN,
): Promise<AuthToken> {
  const prisma = await liveClaimsHost().prisma();
  const authAt = Date.now();
  const claims = await loadClaims(prisma, userId, authAt);
  const refused = refusalReason(claims, authAt);
  if (refused || !claims) throw new SessionRefusedError(refused ?? "user no longer exists");
  const sid = await createSession(prisma, { userId: claims.userId, kind: "browser", origin, authAt });
  return withClaims({ ...token, authAt, sid }, claims);
}

/** The token with fresh claims, as the proxy would make it; refused sessions throw. */
export async function refreshedToken(token: JWT): Promise<AuthToken> {
  if (!isAuthToken(token)) throw new SessionRefusedError("token does not carry our claims");
  const fresh = await checkSessionFreshness(token);
  if (fresh.kind === "refused") throw new SessionRefusedError(fresh.reason);
  return fresh.token;
}
