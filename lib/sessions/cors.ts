// CORS for token clients in a browser on another origin (AUTH_CORS_ORIGINS,
// none by default). Only bearer tokens cross origins: credentials (cookies)
// are never allowed, so a listed origin gains nothing a page could not do
// with a token it already holds.
import { ACCESS_TOKEN_HEADER } from "./bearer";
import { PERMISSIONS_HEADER } from "@/lib/auth/protocol";

const ALLOWED_METHODS = "GET, POST, PUT, DELETE, OPTIONS";
const ALLOWED_HEADERS = "Authorization, Content-Type";
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** The CORS headers for a response to `origin`, or none when it is not allowed. */
export function corsHeaders(origin: string | null, allowed: readonly string[]): Record<string, string> {
  if (!origin || !allowed.includes(origin)) return {};
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Expose-Headers": `${ACCESS_TOKEN_HEADER}, ${PERMISSIONS_HEADER}, Retry-After`,
  };
}

/** The answer to a preflight (OPTIONS): 204, with the grants only for an allowed origin. */
export function preflightResponse(origin: string | null, allowed: readonly string[]): Response {
  const headers: Record<string, string> = { Vary: "Origin", ...corsHeaders(origin, allowed) };
  if (headers["Access-Control-Allow-Origin"]) {
    headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS;
    headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS;
    headers["Access-Control-Max-Age"] = String(PREFLIGHT_MAX_AGE_SECONDS);
  }
  return new Response(null, { status: 204, headers });
}
