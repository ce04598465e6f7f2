// lib/sessions: a user's sessions as an API. Bearer tokens for clients that
// hold no cookie (./grants.ts issues and refreshes them, ./access-token.ts and
// ./signing-keys.ts sign them, ./bearer.ts checks them, ./route-guard.ts lets
// route handlers accept them), the answers to cross-origin callers (./cors.ts),
// and the signed-in user's own session list (./own-sessions.ts). The registry
// they write is lib/auth/session-registry.ts: ending a row is part of the core.
export { ACCESS_TOKEN_HEADER, bearerTokenOf } from "./bearer";
export { corsHeaders, preflightResponse } from "./cors";
export { endOwnSession, listOwnSessions } from "./own-sessions";
export { withUser } from "./route-guard";
export { publicJwks } from "./signing-keys";
export { postRefresh, postTokens } from "./routes";
