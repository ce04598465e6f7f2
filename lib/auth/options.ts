import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getPrisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { loadClaims, refusalReason } from "./claims";
import { SessionRefusedError } from "./errors";
import { checkSessionFreshness } from "./refresh";
import { roleNamesOf } from "./role-names";
import { limitedErrorCode, SIGN_IN_FAILED_CODE } from "./sign-in-messages";
import { signInFromRequest } from "./sign-in-request";
import { SESSION_MAX_AGE_SECONDS } from "./session-cookie";
import { codecFor, tokenMaxAgeSeconds } from "./session-token";
import { isAuthToken, userOfToken, withClaims } from "./token";

let cached: NextAuthOptions | undefined;

/** Built on first use, so that reading the environment never happens during `next build`. */
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}

function buildAuthOptions(): NextAuthOptions {
  const { authSecret, secureCookies, sessionLifetimeSeconds } = env();
  return {
    secret: authSecret,
    useSecureCookies: secureCookies,
    // The sign-in cookie's expiry: the rolling max age, or the whole lifetime when that is shorter.
    session: { strategy: "jwt", maxAge: Math.min(SESSION_MAX_AGE_SECONDS, sessionLifetimeSeconds) },
    // The same format as next-auth's own, with the key derived once and decoded tokens remembered;
    // a token's expiry never passes the end of the session's absolute lifetime.
    jwt: {
      encode: ({ token, secret, maxAge }) => {
        const now = Date.now();
        const payload = token ?? {};
        return codecFor(String(secret)).encode(payload, tokenMaxAgeSeconds(payload, now, maxAge), now);
      },
      decode: ({ token, secret }) => codecFor(String(secret)).decode(token),
    },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          const outcome = await signInFromRequest(credentials, req.headers ?? {}).catch((error: unknown) => {
            // The reason goes to the log; the client gets a code, never a database message.
            console.error("[auth] sign-in could not be checked:", error);
            throw new Error(SIGN_IN_FAILED_CODE);
          });
          // next-auth answers a thrown error with 401 and ?error=<message>; the route turns this one into 429.
          if (outcome.kind === "limited") throw new Error(limitedErrorCode(outcome.retryAfterSeconds));
          return outcome.kind === "signed-in" ? outcome.user : null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const authAt = Date.now();
          const claims = await loadClaims(await getPrisma(), user.id, authAt);
          // A disable or revocation that committed after the password check still wins.
          const refused = refusalReason(claims, authAt);
          if (refused || !claims) throw new SessionRefusedError(refused ?? "user no longer exists");
          return withClaims({ ...token, authAt }, claims);
        }
        if (!isAuthToken(token)) throw new SessionRefusedError("token does not carry our claims");
        const fresh = await checkSessionFreshness(token);
        if (fresh.kind === "refused") throw new SessionRefusedError(fresh.reason);
        return fresh.token;
      },
      async session({ session, token }) {
        if (!isAuthToken(token)) return session;
        const { id, email, name, permissions, permissionsUpdatedAt, grantExp } = userOfToken(token);
        return {
          ...session,
          user: { id, email, name },
          // Only GET /api/auth/session asks; role names are not in the token.
          roles: await roleNamesOf({ userId: id, permissionsUpdatedAt, grantExp }),
          permissions,
          permissionsUpdatedAt,
        };
      },
    },
    logger: {
      error(code, metadata) {
        // A refused session is expected (revocation, disabled user): one quiet line, not a stack trace.
        const cause = (metadata as { error?: unknown } | undefined)?.error ?? metadata;
        if (cause instanceof SessionRefusedError) return console.info(`[auth] ${cause.message}`);
        console.error(`[next-auth][error][${code}]`, metadata);
      },
      warn(code) {
        // In development the request's own host is the intended URL (README); no need to say so on every request.
        if (code === "NEXTAUTH_URL" && env().nodeEnv === "development") return;
        console.warn(`[next-auth][warn][${code}]`);
      },
      debug() {},
    },
  };
}
