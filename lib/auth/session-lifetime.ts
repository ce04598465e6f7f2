// A session has two clocks. The rolling one is next-auth's: each re-issued
// cookie lives SESSION_MAX_AGE_SECONDS more, so a session in regular use would
// never end. The absolute one counts from sign-in (the token's authAt): past
// it, the freshness check refuses the session whatever its cookie says, and
// no cookie or token is ever issued to outlive it.
import { SESSION_MAX_AGE_SECONDS } from "./session-cookie";

/** Thirty days from sign-in, unless AUTH_SESSION_LIFETIME_SECONDS says otherwise. */
export const DEFAULT_SESSION_LIFETIME_SECONDS = 30 * 24 * 60 * 60;

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
