// The route handlers of the token endpoints (app/api/tokens/**): a body of at
// most 4 KB, its shape checked with zod, then ./grants.ts. Every
// answer is JSON and never cached; errors are { "error": "<code>" }.
import "server-only";
import { NextResponse } from "next/server";
import { refreshRequestSchema, tokenRequestSchema } from "@/lib/validations/auth";
import { readJsonBody } from "@/lib/security/json-body";
import { refreshTokens, signInForTokens, type TokenOutcome } from "./grants";
import { logUnavailable } from "@/lib/auth/unavailable-log";

const NO_STORE = { "Cache-Control": "no-store" };

function tokenError(status: number, error: string, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json({ error }, { status, headers: { ...NO_STORE, ...headers } });
}

function answer(outcome: TokenOutcome): NextResponse {
  if (outcome.kind === "issued") return NextResponse.json(outcome.pair, { headers: NO_STORE });
  if (outcome.kind === "limited")
    return tokenError(429, "too_many_attempts", { "Retry-After": String(outcome.retryAfterSeconds) });
  return tokenError(401, outcome.error);
}

async function run(work: () => Promise<TokenOutcome>): Promise<Response> {
  try {
    return answer(await work());
  } catch (error) {
    logUnavailable("api", error);
    return tokenError(503, "temporarily_unavailable", { "Retry-After": "5" });
  }
}

/** POST /api/tokens { email, password } → 200 a token pair, 401 invalid_credentials, 429 too_many_attempts. */
export async function postTokens(req: Request): Promise<Response> {
  const body = await readJsonBody(req);
  if (!body.ok) return tokenError(body.status, "invalid_request");
  const parsed = tokenRequestSchema.safeParse(body.value);
  if (!parsed.success) return tokenError(400, "invalid_request");
  return run(() => signInForTokens(parsed.data, req.headers));
}

/** POST /api/tokens/refresh { refreshToken } → 200 a new pair, or 401 refresh_token_reused / session_ended / invalid_token. */
export async function postRefresh(req: Request): Promise<Response> {
  const body = await readJsonBody(req);
  if (!body.ok) return tokenError(body.status, "invalid_request");
  const parsed = refreshRequestSchema.safeParse(body.value);
  if (!parsed.success) return tokenError(400, "invalid_request");
  return run(() => refreshTokens(parsed.data.refreshToken));
}
