// The one function that decides whether a session's claims are current and
// rebuilds them when they are not. Pure: everything it reads is passed in.
// checkSessionFreshness (./fresh-session.ts) wires it to the app's database and
// configured mode; the proxy, next-auth's jwt callback, the data access layer
// and the event streams all go through that, so every path sees the same answer.
import type { StampSource } from "@/lib/live";
import { CATALOGUE_FINGERPRINT, refusalReason, type UserClaims } from "./claims";
import { LIFETIME_OVER, lifetimeOver } from "./session-cookie";
import { type AuthToken, organizationOfToken, permissionsUpdatedAtOf, withClaims } from "./token";

/** off: claims frozen at sign-in (next-auth's default); strict: one database read per check; cached: ours. */
export type FreshnessMode = "off" | "strict" | "cached";

export type FreshnessDeps = {
  mode: FreshnessMode;
  now: number;
  /** The absolute session lifetime (s), counted from the token's authAt. */
  lifetimeSeconds: number;
  stamps: StampSource;
  /** activeOrgId: the organization the session is in, kept while the user may still be in it. */
  loadClaims(userId: string, now: number, activeOrgId: string | null): Promise<UserClaims | null>;
  /** Whether the token's session row has ended (lib/auth/session-registry.ts); asked only on a rebuild. */
  sessionEnded?(userId: string, sessionId: string): Promise<boolean>;
};

export const SESSION_ROW_ENDED = "session was ended";

export type Freshness =
  | { kind: "current"; token: AuthToken }
  | { kind: "rebuilt"; token: AuthToken }
  | { kind: "refused"; reason: string };

export async function ensureFreshClaims(token: AuthToken, deps: FreshnessDeps): Promise<Freshness> {
  // Whatever the mode: a session past its absolute lifetime signs in again.
  if (lifetimeOver(token.authAt, deps.now, deps.lifetimeSeconds))
    return { kind: "refused", reason: LIFETIME_OVER };
  if (deps.mode === "off") return { kind: "current", token };
  if (!(await isStale(token, deps))) return { kind: "current", token };

  const claims = await deps.loadClaims(token.sub, deps.now, organizationOfToken(token)?.id ?? null);
  const reason = refusalReason(claims, token.authAt);
  if (reason || !claims) return { kind: "refused", reason: reason ?? "user no longer exists" };
  // Read after the claims: an end that committed before this read also moved the stamp the
  // claims carry past what they read, so a session ended mid-rebuild is caught now or next time.
  if (token.sid && deps.sessionEnded && (await deps.sessionEnded(token.sub, token.sid)))
    return { kind: "refused", reason: SESSION_ROW_ENDED };
  return { kind: "rebuilt", token: withClaims(token, claims) };
}

async function isStale(token: AuthToken, deps: FreshnessDeps): Promise<boolean> {
  if (token.cat !== CATALOGUE_FINGERPRINT) return true; // packed against another catalogue
  if (token.grantExp !== null && deps.now >= token.grantExp) return true; // a time-bound grant just ended
  // Any difference counts, not only "newer": stamps strictly increase, so a
  // token that disagrees with the database was built from other data.
  return (await deps.stamps.read(token.sub)) !== permissionsUpdatedAtOf(token);
}
