// The session cookie: its name and options (shared by next-auth's options and
// the proxy, so both always agree; a mismatch behind a TLS terminator makes
// the proxy silently see no session), its two clocks, and the token inside it,
// read and written with one codec per process.
//
// A session has two clocks. The rolling one is next-auth's: each re-issued
// cookie lives SESSION_MAX_AGE_SECONDS more, so a session in regular use would
// never end. The absolute one counts from sign-in (the token's authAt): past
// it, the freshness check refuses the session whatever its cookie says, and
// no cookie or token is ever issued to outlive it.
import type { JWT } from "next-auth/jwt";
import { authConfig } from "./config";
import { TokenCodec } from "./token-codec";
import { type AuthToken, isAuthToken } from "./token";
import { onePerProcess, processSlot } from "@/lib/process-state";

/** Thirty days, next-auth's default. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export function sessionCookieName(secure: boolean): string {
  return secure ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

export function sessionCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", secure };
}

export const LIFETIME_OVER = "session reached its absolute lifetime";

/** When a session that signed in at `authAt` (ms) must end (ms). */
export function sessionEndsAt(authAt: number, lifetimeSeconds: number): number {
  return authAt + lifetimeSeconds * 1000;
}

export function lifetimeOver(authAt: number, now: number, lifetimeSeconds: number): boolean {
  return now >= sessionEndsAt(authAt, lifetimeSeconds);
}

/**
 * The max age (s) of a cookie (and of the token in it) issued at `now`: the
 * rolling max age, cut to what is left of the absolute lifetime. Rounded down,
 * so it never outlives the session.
 */
export function cookieMaxAgeSeconds(
  authAt: number,
  now: number,
  lifetimeSeconds: number,
  rollingSeconds = SESSION_MAX_AGE_SECONDS,
): number {
  const left = Math.floor((sessionEndsAt(authAt, lifetimeSeconds) - now) / 1000);
  return Math.max(0, Math.min(rollingSeconds, left));
}

/** The codec for `secret`, with next-auth's settings (empty salt, session maxAge); one per process. */
export function codecFor(secret: string): TokenCodec {
  const codecs = onePerProcess(processSlot<Map<string, TokenCodec>>("tokenCodecs"), () => new Map());
  let codec = codecs.get(secret);
  if (!codec) {
    codec = new TokenCodec(secret, { memoize: authConfig().tokenMemo });
    codecs.set(secret, codec);
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
  return cookieMaxAgeSeconds(token.authAt, now, authConfig().sessionLifetimeSeconds, rollingSeconds);
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
