// Route handler guard, a ladder: 503 when permissions cannot be checked, 401
// when signed out, 403 without the permission, then the handler. Every
// response to a signed-in request says which permission stamp it was served
// with (X-Permissions-Updated).
import "server-only";
import { NextResponse } from "next/server";
import type { Permission } from "@/lib/permissions/catalogue";
import { hasPermission } from "@/lib/permissions/check";
import { PERMISSIONS_HEADER, PERMISSIONS_UNAVAILABLE, SIGN_IN_REQUIRED } from "./protocol";
import { type CurrentUser, getCurrentUser } from "./session";
import { logUnavailable } from "./unavailable-log";

type Handler<C> = (req: Request, user: CurrentUser, context: C) => Promise<Response> | Response;

export function jsonError(status: 401 | 403 | 404 | 422 | 503, message: string): NextResponse {
  return NextResponse.json({ error: message }, { status });
}

export function withUser<C = unknown>(handler: Handler<C>, options: { permission?: Permission } = {}) {
  return async (req: Request, context: C): Promise<Response> => {
    let user: CurrentUser | null;
    try {
      user = await getCurrentUser();
    } catch (error) {
      logUnavailable("api", error);
      return jsonError(503, PERMISSIONS_UNAVAILABLE);
    }
    if (!user) return jsonError(401, SIGN_IN_REQUIRED);
    const response =
      options.permission && !hasPermission(user, options.permission)
        ? jsonError(403, `Missing permission: ${options.permission}`)
        : await handler(req, user, context);
    response.headers.set(PERMISSIONS_HEADER, String(user.permissionsUpdatedAt));
    return response;
  };
}
