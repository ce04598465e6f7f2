// Route handler guard, a ladder: 503 when permissions cannot be checked, 401
// when signed out, 403 without the permission, then the handler. Every
// response to a signed-in request says which permission stamp it was served
// with (X-Permissions-Updated).
import "server-only";
import { NextResponse } from "next/server";
import type { Permission } from "@/lib/permissions/catalogue";
import { hasPermission } from "@/lib/permissions/check";
import { type CurrentUser, getCurrentUser } from "./dal";
import { PERMISSIONS_HEADER } from "./headers";

type Handler<C> = (req: Request, user: CurrentUser, context: C) => Promise<Response> | Response;

export type ApiErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 503;

export function jsonError(status: ApiErrorStatus, message: string, extra: object = {}): NextResponse {
  return NextResponse.json({ error: message, ...extra }, { status });
}

export function withUser<C = unknown>(handler: Handler<C>, options: { permission?: Permission } = {}) {
  return async (req: Request, context: C): Promise<Response> => {
    let user: CurrentUser | null;
    try {
      user = await getCurrentUser();
    } catch (error) {
      console.error("[api] cannot check permissions:", error instanceof Error ? error.message : error);
      return jsonError(503, "Permissions cannot be checked right now. Try again in a moment.");
    }
    if (!user) return jsonError(401, "Sign in to use this endpoint.");
    const response =
      options.permission && !hasPermission(user, options.permission)
        ? jsonError(403, `Missing permission: ${options.permission}`)
        : await handler(req, user, context);
    response.headers.set(PERMISSIONS_HEADER, String(user.permissionsUpdatedAt));
    return response;
  };
}
