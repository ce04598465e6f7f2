// Bearer access tokens: a JWT signed with the deployment's key (./signing-keys.ts,
// EdDSA), carrying the same claims as the session cookie's token (user id,
// session id, packed permissions, permission stamp, sign-in time, active
// organization) under the
// same short keys, so the one freshness check (./fresh-session.ts) serves
// both. Verified tokens are remembered per token value, as the cookie codec
// does (bounded, oldest first out, expiry checked on every hit): a repeated
// token costs a map lookup, not a signature check.
import { errors, jwtVerify, SignJWT } from "jose";
import { env } from "@/lib/env";
import { signingKey, TOKEN_ALGORITHM } from "./signing-keys";
import { type AuthToken, isAuthToken } from "@/lib/auth/token";
import { onePerProcess, processSlot } from "@/lib/process-state";

const TOKEN_TYPE = "at+jwt";
const MAX_REMEMBERED = 10_000;
/** Anything longer is not one of ours: refused before any parsing. */
export const MAX_TOKEN_LENGTH = 4096;

/** expiresAt: when the token expires, in ms (what ends an event stream opened with it). */
type Verified =
  { kind: "valid"; token: AuthToken; expiresAt: number } | { kind: "expired" } | { kind: "invalid" };

type Remembered = { token: AuthToken; exp: number };
const remembered = () => onePerProcess(processSlot<Map<string, Remembered>>("accessTokens"), () => new Map());

/**
 * Signs an access token for `token` (a session token with our claims and a
 * session id). A token re-issued from another (a rebuild, an organization
 * switch) still carries that one's `exp` and never outlives it: only a
 * refresh, with the refresh token, starts from a token without one.
 */
export async function issueAccessToken(token: AuthToken, nowMs = Date.now()): Promise<string> {
  const key = await signingKey();
  const iat = Math.floor(nowMs / 1000);
  const { accessTokenSeconds, freshness, freshnessSeconds } = env();
  // AUTH_FRESHNESS=short: an access token lives no longer than its claims may be trusted; the client refreshes.
  const full =
    iat + (freshness === "short" ? Math.min(accessTokenSeconds, freshnessSeconds) : accessTokenSeconds);
  const exp = typeof token.exp === "number" ? Math.min(full, token.exp) : full;
  const { sub, sid, email, name, perms, gperms, cat, permsAt, grantExp, authAt, org, orgAt, bAt } = token;
  // org: the active organization (the tenant key), so bearer requests read the same tenant's rows.
  const payload = {
    sub,
    sid,
    email,
    name,
    perms,
    gperms,
    cat,
    permsAt,
    grantExp,
    authAt,
    org: org ?? null,
    orgAt,
    bAt,
  };
  const value = await new SignJWT(payload)
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: key.kid, typ: TOKEN_TYPE })
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key.privateKey);
  remember(value, { ...payload, iat, exp } as AuthToken, exp);
  return value;
}

/** Checks an access token: its signature and expiry, and that it carries our claims. */
export async function verifyAccessToken(value: string, nowMs = Date.now()): Promise<Verified> {
  const hit = remembered().get(value);
  if (hit)
    return nowMs / 1000 >= hit.exp
      ? { kind: "expired" }
      : { kind: "valid", token: { ...hit.token }, expiresAt: hit.exp * 1000 };
  if (value.length > MAX_TOKEN_LENGTH) return { kind: "invalid" };
  const key = await signingKey();
  try {
    const { payload } = await jwtVerify(value, key.publicKey, {
      algorithms: [TOKEN_ALGORITHM],
      typ: TOKEN_TYPE,
      currentDate: new Date(nowMs),
    });
    if (!isAuthToken(payload) || typeof payload.sid !== "string" || typeof payload.exp !== "number")
      return { kind: "invalid" };
    remember(value, payload, payload.exp);
    return { kind: "valid", token: { ...payload }, expiresAt: payload.exp * 1000 };
  } catch (error) {
    return error instanceof errors.JWTExpired ? { kind: "expired" } : { kind: "invalid" };
  }
}

function remember(value: string, token: AuthToken, exp: number): void {
  const map = remembered();
  if (map.size >= MAX_REMEMBERED) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  map.set(value, { token, exp });
}
