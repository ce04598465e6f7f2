// `Authorization: Bearer <access token>` on a route handler: the token's
// signature and expiry (./access-token.ts), then the same freshness check as a
// cookie (./fresh-session.ts). Claims current: served as they are. The stamp
// moved but the session may go on: served with the new claims, and a new
// access token for the client to keep (X-Access-Token). Session ended, user
// disabled or deleted: 401 session_ended. Never reads or writes a cookie.
//
// Server code without `import "server-only"`: the event stream
// (pages/api/me/events.ts, a Pages Router route) accepts bearer tokens too.
import { issueAccessToken, verifyAccessToken } from "./access-token";
import { checkSessionFreshness } from "@/lib/auth/fresh-session";
import { type AuthToken } from "@/lib/auth/token";

export const ACCESS_TOKEN_HEADER = "X-Access-Token";

export type BearerError = "invalid_token" | "token_expired" | "session_ended";

/** expiresAt: when the presented access token expires (ms); renewed: a new one when the claims moved. */
type BearerSession =
  | { kind: "session"; token: AuthToken; renewed: string | null; expiresAt: number }
  | { kind: "refused"; error: BearerError };

/** The token of an `Authorization: Bearer` header; null when the request carries no bearer credentials. */
export function bearerTokenOf(headers: Headers): string | null {
  return bearerTokenOfHeader(headers.get("authorization"));
}

/** The same, from the header's value (Node's IncomingMessage keeps headers as a plain object). */
export function bearerTokenOfHeader(header: string | null | undefined): string | null {
  if (!header || !/^bearer(\s|$)/i.test(header)) return null;
  return header.slice(6).trim();
}

/** The session behind a bearer token, with fresh claims. Throws when permissions cannot be checked. */
export async function bearerSession(value: string): Promise<BearerSession> {
  const verified = value ? await verifyAccessToken(value) : ({ kind: "invalid" } as const);
  if (verified.kind === "expired") return { kind: "refused", error: "token_expired" };
  if (verified.kind === "invalid") return { kind: "refused", error: "invalid_token" };
  const { expiresAt } = verified;
  const fresh = await checkSessionFreshness(verified.token);
  if (fresh.kind === "refused") return { kind: "refused", error: "session_ended" };
  if (fresh.kind === "current") return { kind: "session", token: fresh.token, renewed: null, expiresAt };
  return { kind: "session", token: fresh.token, renewed: await issueAccessToken(fresh.token), expiresAt };
}
