// withUser for route handlers: the core's guard (lib/auth/route-guard.ts) with
// bearer tokens as its token source. A request with `Authorization: Bearer` is
// judged by its token alone (./bearer.ts), never by a cookie; rebuilt claims
// come back as a new access token in X-Access-Token.
import "server-only";
import { jsonError, routeGuard, type TokenSource } from "@/lib/auth/route-guard";
import { userOfToken } from "@/lib/auth/token";
import { ACCESS_TOKEN_HEADER, bearerSession, bearerTokenOf } from "./bearer";

const bearerTokens: TokenSource = {
  credentialOf: (req) => bearerTokenOf(req.headers),
  async callerOf(credential) {
    const session = await bearerSession(credential);
    if (session.kind === "refused") {
      const response = jsonError(401, session.error);
      response.headers.set("WWW-Authenticate", `Bearer error="${session.error}"`);
      return response;
    }
    const headers: Record<string, string> = session.renewed ? { [ACCESS_TOKEN_HEADER]: session.renewed } : {};
    return { user: userOfToken(session.token), headers };
  },
};

/** Guards a route handler; the caller signs in with the session cookie or a bearer token. */
export const withUser = routeGuard(bearerTokens);
