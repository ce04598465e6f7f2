// Route handler guard, a ladder: 503 when permissions cannot be checked, 401
// when signed out, 403 without the permission, then the handler. Every
// response to a signed-in request says which permission stamp it was served
// with (X-Permissions-Updated). The session cookie is the credential it knows;
// another kind plugs in as a TokenSource (lib/sessions gives bearer tokens:
// a request that carries one is judged by it alone, never by a cookie).
import "server-only";
import { NextResponse } from "next/server";
import type { Permission } from "@/lib/permissions/catalogue";
import { hasPermission } from "@/lib/permissions/check";
import { PERMISSIONS_HEADER, PERMISSIONS_UNAVAILABLE, SIGN_IN_REQUIRED } from "./protocol";
import { type CurrentUser, getCurrentUser } from "./session";
import { logUnavailable } from "./unavailable-log";

type Handler<C> = (req: Request, user: CurrentUser, context: C) => Promise<Response> | Response;

export function jsonError(
  status: 400 | 401 | 403 | 404 | 413 | 415 | 422 | 503,
  message: string,
): NextResponse {
  return NextResponse.json({ error: message }, { status });
}

/** The caller behind another credential than the cookie, or the answer that refuses it (a 401). */
type TokenCaller = { user: CurrentUser; headers: Record<string, string> } | Response;

/** A credential a request may carry instead of the session cookie. */
export type TokenSource = {
  /** The credential, or null when the request carries none of this kind (the cookie is read). */
  credentialOf(req: Request): string | null;
  /** Its user with fresh claims, and headers for the response; throws when permissions cannot be checked. */
  callerOf(credential: string): Promise<TokenCaller>;
};

async function callerOf(req: Request, source: TokenSource | undefined): Promise<TokenCaller> {
  const credential = source?.credentialOf(req) ?? null;
  if (credential === null || !source) {
    const user = await getCurrentUser();
    return user ? { user, headers: {} } : jsonError(401, SIGN_IN_REQUIRED);
  }
  return source.callerOf(credential);
}

const guarded = new WeakMap<object, Permission | null>();

/**
 * The permission a route handler built with withUser needs (null: any signed-in user);
 * undefined for a handler that is not guarded. The API authorization table reads it.
 */
export const routePermissionOf = (handler: unknown): Permission | null | undefined =>
  typeof handler === "function" ? guarded.get(handler) : undefined;

/** withUser for route handlers that accept the cookie, and `tokens` when given. */
export function routeGuard(tokens?: TokenSource) {
  return function withUser<C = unknown>(handler: Handler<C>, options: { permission?: Permission } = {}) {
    const route = async (req: Request, context: C): Promise<Response> => {
      let caller: TokenCaller;
      try {
        caller = await callerOf(req, tokens);
      } catch (error) {
        logUnavailable("api", error);
        return jsonError(503, PERMISSIONS_UNAVAILABLE);
      }
      if (caller instanceof Response) return caller;
      const { user } = caller;
      const response =
        options.permission && !hasPermission(user, options.permission)
          ? jsonError(403, `Missing permission: ${options.permission}`)
          : await handler(req, user, context);
      response.headers.set(PERMISSIONS_HEADER, String(user.permissionsUpdatedAt));
      // A header the handler set itself (a new access token after an organization switch) is kept.
      for (const [name, value] of Object.entries(caller.headers))
        if (!response.headers.has(name)) response.headers.set(name, value);
      return response;
    };
    guarded.set(route, options.permission ?? null);
    return route;
  };
}
