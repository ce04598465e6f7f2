// Route handler guard, a ladder: 503 when permissions cannot be checked, 401
// when signed out, 403 without the permission, then the handler. Every
// response to a signed-in request says which permission stamp it was served
// with (X-Permissions-Updated). A request with `Authorization: Bearer` is
// judged by its token alone (./bearer.ts), never by a cookie.
import "server-only";
import { NextResponse } from "next/server";
import type { Permission } from "@/lib/permissions/catalogue";
import { hasPermission } from "@/lib/permissions/check";
import { ACCESS_TOKEN_HEADER, bearerSession, bearerTokenOf } from "./bearer";
import { PERMISSIONS_HEADER, PERMISSIONS_UNAVAILABLE, SIGN_IN_REQUIRED } from "./protocol";
import { type CurrentUser, getCurrentUser } from "./session";
import { userOfToken } from "./token";
import { logUnavailable } from "./unavailable-log";

type Handler<C> = (req: Request, user: CurrentUser, context: C) => Promise<Response> | Response;

export function jsonError(status: 401 | 403 | 404 | 422 | 503, message: string): NextResponse {
  return NextResponse.json({ error: message }, { status });
}

type Caller = { user: CurrentUser; renewedAccessToken: string | null } | Response;

async function callerOf(req: Request): Promise<Caller> {
  const bearer = bearerTokenOf(req.headers);
  if (bearer === null) {
    const user = await getCurrentUser();
    return user ? { user, renewedAccessToken: null } : jsonError(401, SIGN_IN_REQUIRED);
  }
  const session = await bearerSession(bearer);
  if (session.kind === "refused") {
    const response = jsonError(401, session.error);
    response.headers.set("WWW-Authenticate", `Bearer error="${session.error}"`);
    return response;
  }
  return { user: userOfToken(session.token), renewedAccessToken: session.renewed };
}

const guarded = new WeakMap<object, Permission | null>();

/**
 * The permission a route handler built with withUser needs (null: any signed-in user);
 * undefined for a handler that is not guarded. The API authorization table reads it.
 */
export const routePermissionOf = (handler: unknown): Permission | null | undefined =>
  typeof handler === "function" ? guarded.get(handler) : undefined;

export function withUser<C = unknown>(handler: Handler<C>, options: { permission?: Permission } = {}) {
  const route = async (req: Request, context: C): Promise<Response> => {
    let caller: Caller;
    try {
      caller = await callerOf(req);
    } catch (error) {
      logUnavailable("api", error);
      return jsonError(503, PERMISSIONS_UNAVAILABLE);
    }
    if (caller instanceof Response) return caller;
    const { user, renewedAccessToken } = caller;
    const response =
      options.permission && !hasPermission(user, options.permission)
        ? jsonError(403, `Missing permission: ${options.permission}`)
        : await handler(req, user, context);
    response.headers.set(PERMISSIONS_HEADER, String(user.permissionsUpdatedAt));
    // A handler that issued a token of its own (an organization switch) keeps it.
    if (renewedAccessToken && !response.headers.has(ACCESS_TOKEN_HEADER))
      response.headers.set(ACCESS_TOKEN_HEADER, renewedAccessToken);
    return response;
  };
  guarded.set(route, options.permission ?? null);
  return route;
}
