// The one function that decides whether a session's claims are current and
// rebuilds them when they are not. Pure: everything it reads is passed in.
// checkSessionFreshness (./fresh-session.ts) wires it to the app's database and
// configured mode; the proxy, next-auth's jwt callback, the data access layer
// and the event streams all go through that, so every path sees the same answer.
//
// The modes (AUTH_FRESHNESS; docs/STRATEGIES.md compares them):
//   off     claims frozen until the session ends (next-auth's default)
//   reauth  a change to the user's permissions ends the session: they sign in again
//   lazy    the stamp is compared at most every `intervalMs` per session; trusted in between
//   short   claims are trusted for `intervalMs` after they were built, then rebuilt whatever changed
//   strict  the stamp is read from the database on every check
//   cached  the stamp comes from this instance's stamp cache, kept exact by the change listener
// Whatever the mode, a session past its absolute lifetime is refused; in every mode but off, a
// time-bound grant that has ended and a token packed against another catalogue rebuild at once
// (the token says so itself: no read is needed to know).
import type { FreshnessMode } from "./config";
import type { StampSource } from "./stamp-cache";
import { CATALOGUE_FINGERPRINT, refusalReason, type UserClaims } from "./claims";
import { LIFETIME_OVER, lifetimeOver } from "./session-cookie";
import {
  type AuthToken,
  claimsBuiltAtOf,
  organizationOfToken,
  permissionsUpdatedAtOf,
  sameClaims,
  withClaims,
} from "./token";

export type { FreshnessMode };

/** lazy: when this instance last compared each session's stamp. */
export type CheckTimes = {
  lastCheck(session: string): number | undefined;
  checked(session: string, at: number): void;
};

export type FreshnessDeps = {
  mode: FreshnessMode;
  now: number;
  /** The absolute session lifetime (s), counted from the token's authAt. */
  lifetimeSeconds: number;
  /** lazy: the least time between two comparisons of a session's stamp; short: how long claims are trusted. */
  intervalMs?: number;
  /** lazy only. */
  checks?: CheckTimes;
  stamps: StampSource;
  /** activeOrgId: the organization the session is in, kept while the user may still be in it. */
  loadClaims(userId: string, now: number, activeOrgId: string | null): Promise<UserClaims | null>;
  /** Whether the token's session row has ended (lib/auth/session-registry.ts); asked only on a rebuild. */
  sessionEnded?(userId: string, sessionId: string): Promise<boolean>;
};

const SESSION_ROW_ENDED = "session was ended";
/** reauth: the claims the session was built on changed. */
export const PERMISSIONS_CHANGED = "permissions changed: sign in again";

export type Freshness =
  | { kind: "current"; token: AuthToken }
  | { kind: "rebuilt"; token: AuthToken }
  | { kind: "refused"; reason: string };

export async function ensureFreshClaims(token: AuthToken, deps: FreshnessDeps): Promise<Freshness> {
  // Whatever the mode: a session past its absolute lifetime signs in again.
  if (lifetimeOver(token.authAt, deps.now, deps.lifetimeSeconds))
    return { kind: "refused", reason: LIFETIME_OVER };
  if (deps.mode === "off") return { kind: "current", token };
  if (!(await needsRebuild(token, deps))) return { kind: "current", token };

  const claims = await deps.loadClaims(token.sub, deps.now, organizationOfToken(token)?.id ?? null);
  const reason = refusalReason(claims, token.authAt);
  if (reason || !claims) return { kind: "refused", reason: reason ?? "user no longer exists" };
  // Read after the claims: an end that committed before this read also moved the stamp the
  // claims carry past what they read, so a session ended mid-rebuild is caught now or next time.
  if (token.sid && deps.sessionEnded && (await deps.sessionEnded(token.sub, token.sid)))
    return { kind: "refused", reason: SESSION_ROW_ENDED };
  const rebuilt = withClaims(token, claims, deps.now);
  // reauth: a stamp moved by something else (a session of the user ending) only restamps.
  if (deps.mode === "reauth" && !samePermissions(token, rebuilt))
    return { kind: "refused", reason: PERMISSIONS_CHANGED };
  return { kind: "rebuilt", token: rebuilt };
}

async function needsRebuild(token: AuthToken, deps: FreshnessDeps): Promise<boolean> {
  if (token.cat !== CATALOGUE_FINGERPRINT) return true; // packed against another catalogue
  if (token.grantExp !== null && deps.now >= token.grantExp) return true; // a time-bound grant just ended
  const interval = deps.intervalMs ?? 0;
  if (deps.mode === "short") return deps.now - claimsBuiltAtOf(token) >= interval;
  if (deps.mode === "lazy") {
    const session = sessionKey(token);
    const last = deps.checks?.lastCheck(session);
    if (last !== undefined && deps.now - last < interval) return false;
    deps.checks?.checked(session, deps.now);
  }
  // Any difference counts, not only "newer": stamps strictly increase, so a
  // token that disagrees with the database was built from other data.
  return (await deps.stamps.read(token.sub)) !== permissionsUpdatedAtOf(token);
}

/** A session's key for lazy's check times: its registry row, else its user and sign-in time. */
function sessionKey(token: AuthToken): string {
  return token.sid ?? `${token.sub}@${token.authAt}`;
}

/** The same permissions, grants and organization; the stamp aside. */
function samePermissions(a: AuthToken, b: AuthToken): boolean {
  return sameClaims({ ...a, permsAt: 0 }, { ...b, permsAt: 0 });
}
