// next-auth's options (credentials sign-in, the configured identity
// providers, the signIn, jwt and session callbacks, our token codec), and the credentials route's answer while a sign-in limit
// holds. Built on first use, so that reading the environment never happens
// during `next build`.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getPrisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { limitedErrorCode, parseLimitedError, SIGN_IN_FAILED_CODE } from "@/lib/auth/protocol";
import { codecFor, SESSION_MAX_AGE_SECONDS, tokenMaxAgeSeconds } from "@/lib/auth/session-cookie";
import { refreshedToken, SessionRefusedError, signInToken } from "@/lib/auth/next-auth-token";
import { roleNamesOf } from "@/lib/auth/session";
import { endSession, type SessionOrigin } from "@/lib/auth/session-registry";
import { signInFromRequest } from "./attempt";
import { originOf } from "./client-address";
import { identityProviders } from "./identity-providers";
import { allowSignIn, providerSignInOf } from "./provider-sign-in";
import { isAuthToken, userOfToken } from "@/lib/auth/token";

export { SessionRefusedError };

let cached: NextAuthOptions | undefined;

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
    // A provider sign-in that fails comes back here with ?error=<code> (./provider-errors.ts).
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
          if (outcome.kind !== "signed-in") return null;
          // Where this sign-in came from, for its row in the session registry (the jwt callback creates it).
          return { ...outcome.user, sessionOrigin: originOf(req.headers ?? {}) };
        },
      }),
      ...identityProviders(),
    ],
    callbacks: {
      // A provider's identity becomes one of our users here, or the sign-in is refused (./provider-sign-in.ts).
      signIn: allowSignIn,
      // The core's two halves (lib/auth/next-auth-token.ts): claims and a registry row at sign-in, then the freshness check.
      jwt: async ({ token, user, account }) => {
        if (!user) return refreshedToken(token);
        if (account?.type !== "oauth")
          return signInToken(token, user.id, (user as { sessionOrigin?: SessionOrigin }).sessionOrigin);
        // The same token as a password sign-in builds, keyed by our user id: nothing of the provider's.
        const { userId, origin } = providerSignInOf(user);
        return signInToken({}, userId, origin);
      },
      async session({ session, token }) {
        if (!isAuthToken(token)) return session;
        const { id, email, name, permissions, permissionsUpdatedAt, grantExp, organization } =
          userOfToken(token);
        return {
          ...session,
          user: { id, email, name },
          // Only GET /api/auth/session asks; role names are not in the token.
          roles: await roleNamesOf({
            userId: id,
            permissionsUpdatedAt,
            grantExp,
            organizationId: organization?.id ?? null,
          }),
          organization,
          permissions,
          permissionsUpdatedAt,
        };
      },
    },
    events: {
      // The browser's own sign-out ends its row in the registry (and so every copy of its cookie).
      async signOut({ token }) {
        if (!isAuthToken(token) || !token.sid) return;
        await endSession(await getPrisma(), token.sub, token.sid, "signed_out").catch((error: unknown) =>
          console.warn("[auth] could not end the signed-out session:", error),
        );
      },
    },
    logger: {
      error(code, metadata) {
        // A refused session is expected (revocation, disabled user): one quiet line, not a stack trace.
        const cause = (metadata as { error?: unknown } | undefined)?.error ?? metadata;
        if (cause instanceof SessionRefusedError) return console.info(`[auth] ${cause.message}`);
        // Anyone can call a provider's callback with a forged or stale state: one line, not a stack trace.
        if (code === "OAUTH_CALLBACK_ERROR")
          return console.warn(
            `[auth] provider callback refused: ${String((cause as Error)?.message ?? cause)}`,
          );
        console.error(`[next-auth][error][${code}]`, metadata);
      },
      warn(code) {
        // In development the request's own host is the intended URL (NEXTAUTH_URL in docs/CONFIGURATION.md); no need to say so on every request.
        if (code === "NEXTAUTH_URL" && env().nodeEnv === "development") return;
        console.warn(`[next-auth][warn][${code}]`);
      },
      debug() {},
    },
  };
}

// next-auth answers an error thrown from `authorize` with 401 and the error
// in a URL (JSON { url } when the client asked for json, else a redirect).
// When that error says a sign-in limit holds, the answer becomes 429 with
// Retry-After. The body stays { url } with an absolute URL, because
// next-auth's client signIn() parses it (new URL(data.url)) and hands the
// form its `error` parameter: a body without it would throw in the browser.

export async function withRetryAfter(response: Response): Promise<Response> {
  if (response.status !== 401 && response.status !== 302) return response;
  const url = await errorUrl(response);
  const wait = url ? parseLimitedError(url.searchParams.get("error")) : null;
  if (wait === null || !url) return response;
  const headers = new Headers(response.headers); // keeps next-auth's cookies
  headers.delete("location");
  headers.set("content-type", "application/json");
  headers.set("cache-control", "no-store");
  headers.set("retry-after", String(wait));
  return new Response(JSON.stringify({ url: url.toString() }), { status: 429, headers });
}

async function errorUrl(response: Response): Promise<URL | null> {
  let target = response.headers.get("location");
  if (!target && response.headers.get("content-type")?.startsWith("application/json")) {
    const body: unknown = await response
      .clone()
      .json()
      .catch(() => null);
    const url = (body as { url?: unknown } | null)?.url;
    target = typeof url === "string" ? url : null;
  }
  if (!target) return null;
  try {
    return new URL(target);
  } catch {
    return null;
  }
}
