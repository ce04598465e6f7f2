// The session token as the app reads and writes it: one codec per process
// (shared by the proxy, the data access layer and next-auth's own callbacks),
// with the settings next-auth uses (empty salt, session maxAge), and never
// with an expiry past the session's absolute lifetime.
import type { JWT } from "next-auth/jwt";
import { env } from "@/lib/env";
import { SESSION_MAX_AGE_SECONDS } from "./session-cookie";
import { cookieMaxAgeSeconds } from "./session-lifetime";
import { TokenCodec } from "./token-codec";
import { type AuthToken, isAuthToken } from "./token";

// Next bundles the proxy and the routes separately; one codec per process.
const holder = globalThis as typeof globalThis & { __authzCodecs?: Map<string, TokenCodec> };

export function codecFor(secret: string): TokenCodec {
  holder.__authzCodecs ??= new Map();
  let codec = holder.__authzCodecs.get(secret);
  if (!codec) {
    codec = new TokenCodec(secret, { memoize: env().tokenMemo });
    holder.__authzCodecs.set(secret, codec);
  }
  return codec;
}

/** The token, or null when it is missing, tampered with, expired, or not ours. */
export async function decodeSessionToken(
  value: string | undefined,
  secret: string,
): Promise<AuthToken | null> {
  const token = await codecFor(secret).decode(value);
  return isAuthToken(token) ? token : null;
}

/**
 * The max age (s) of a token, and of the cookie carrying it, issued at `now`:
 * at most `rollingSeconds`, and never past the end of the session's absolute
 * lifetime. A token without a sign-in time (none of ours) gets the rolling max age.
 */
export function tokenMaxAgeSeconds(
  token: Pick<JWT, "authAt">,
  now: number,
  rollingSeconds = SESSION_MAX_AGE_SECONDS,
): number {
  if (typeof token.authAt !== "number") return rollingSeconds;
  return cookieMaxAgeSeconds(token.authAt, now, env().sessionLifetimeSeconds, rollingSeconds);
}

export type EncodedSession = { value: string; maxAge: number };

/** The cookie value and its max age (s): the token's exp and the cookie's expiry agree. */
export async function encodeSessionToken(
  token: AuthToken,
  secret: string,
  now = Date.now(),
): Promise<EncodedSession> {
  const maxAge = tokenMaxAgeSeconds(token, now);
  return { value: await codecFor(secret).encode(token, maxAge, now), maxAge };
}
