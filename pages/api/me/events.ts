// GET /api/me/events: Server-Sent Events, the signed-in user's permission
// changes pushed as they happen (lib/push/permission-stream.ts). A browser is
// known by its session cookie; a token client sends `Authorization: Bearer`,
// judged by the token alone as on every /api route, and its stream ends when
// that token expires (an "expired" event). 503 when permissions cannot be
// checked, 401 when signed out (for a bearer token: invalid_token,
// token_expired or session_ended), 429 past the per-user or per-instance cap
// on open streams (docs/SCALING.md, "Event stream limits").
//
// Why a Pages Router API route in an App Router app: an idle stream keeps
// about 21 KB alive here against about 75 KB as an App Router route handler,
// whose request pipeline (promises, closures, generators, caches) stays alive
// for as long as the response body is being piped; a Pages API handler writes
// to Node's response and returns, and Next lets its request frames go
// (docs/PERFORMANCE.md, "Memory per idle event stream"). proxy.ts runs for it
// as for every /api route; modules it imports cannot carry
// `import "server-only"` (it throws outside React Server Components), so the
// import rules (eslint.layers.mjs) keep them out of client code instead, and
// let this route reach only those modules.
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  ACCESS_TOKEN_HEADER,
  type BearerError,
  bearerSession,
  bearerTokenOfHeader,
} from "@/lib/sessions/bearer";
import { freshSessionFromCookieHeader } from "@/lib/auth/fresh-session";
import { PERMISSIONS_HEADER, PERMISSIONS_UNAVAILABLE, SIGN_IN_REQUIRED } from "@/lib/auth/protocol";
import { type AuthToken, permissionsUpdatedAtOf } from "@/lib/auth/token";
import { liveInstance } from "@/lib/live";
import { NodeResponseSink, PermissionStream, streamRegistry, tooManyStreams } from "@/lib/push";

// No body to parse; no warning about a long response, nor about a handler that
// returns before its response ends (the stream outlives the call).
export const config = { api: { bodyParser: false, responseLimit: false, externalResolver: true } };

function answerJson(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}) {
  res.writeHead(status, { ...headers, "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

type Caller =
  { token: AuthToken; endsAt: number | null; renewed: string | null } | { refused: BearerError } | null;

/** Who is asking, with fresh claims: a bearer token when the request carries one, else the cookie. */
async function callerOf(req: IncomingMessage): Promise<Caller> {
  const bearer = bearerTokenOfHeader(req.headers.authorization);
  if (bearer === null) {
    const token = await freshSessionFromCookieHeader(req.headers.cookie);
    return token && { token, endsAt: null, renewed: null };
  }
  const session = await bearerSession(bearer);
  if (session.kind === "refused") return { refused: session.error };
  return { token: session.token, endsAt: session.expiresAt, renewed: session.renewed };
}

export default async function events(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET") {
    res.setHeader("Allow", "GET");
    return answerJson(res, 405, { error: "Only GET is supported." });
  }
  let caller: Caller;
  try {
    caller = await callerOf(req);
    await liveInstance(); // this instance's change listener feeds the stream
  } catch {
    return answerJson(res, 503, { error: PERMISSIONS_UNAVAILABLE });
  }
  if (!caller) return answerJson(res, 401, { error: SIGN_IN_REQUIRED });
  if ("refused" in caller)
    return answerJson(
      res,
      401,
      { error: caller.refused },
      { "WWW-Authenticate": `Bearer error="${caller.refused}"` },
    );
  const { token, endsAt, renewed } = caller;
  if (res.destroyed) return; // the client left during the check: no slot to take

  const slot = streamRegistry().acquire(token.sub);
  if ("refused" in slot) {
    const { status, headers, body } = tooManyStreams(slot);
    return answerJson(res, status, body, headers);
  }
  const stream = new PermissionStream(token, slot, new NodeResponseSink(res), endsAt);
  // However the connection ends (the client left, the network dropped it, or
  // we ended it), 'close' follows, and the stream gives its slot back.
  res.once("close", () => stream.stop());
  try {
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: compression would hold events back in its buffer.
      "Cache-Control": "no-cache, no-store, no-transform",
      "X-Accel-Buffering": "no",
      [PERMISSIONS_HEADER]: String(permissionsUpdatedAtOf(token)),
      // The claims moved since the token was issued: a current one for the client to keep.
      ...(renewed ? { [ACCESS_TOKEN_HEADER]: renewed } : {}),
    });
    stream.start();
  } catch (error) {
    stream.stop();
    throw error;
  }
}
