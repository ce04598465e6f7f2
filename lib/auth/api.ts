// Route handler guard: 401 when signed out, 403 without the permission, then
// the handler. Every response says which permission stamp it was served with.
import "server-only";
import { NextResponse } from "next/server";
import type { Permission } from "@/lib/permissions/catalogue";
import { hasPermission } from "@/lib/permissions/check";
import { type CurrentUser, getCurrentUser } from "./dal";
import { PERMISSIONS_HEADER } from "./headers";

type Handler = (req: Request, user: CurrentUser) => Promise<Response> | Response;

export function jsonError(status: 401 | 403 | 404 | 422 | 503, message: string): NextResponse {
  return NextResponse.json({ error: message }, { status });
}

export function withUser(handler: Handler, options: { permission?: Permission } = {}) {
  return async (req: Request): Promise<Response> => {
    const user = await getCurrentUser();
    if (!user) return jsonError(401, "Sign in to use this endpoint.");
    const response =
      options.permission && !hasPermission(user, options.permission)
        ? jsonError(403, `Missing permission: ${options.permission}`)
        : await handler(req, user);
    response.headers.set(PERMISSIONS_HEADER, String(user.permissionsUpdatedAt));
    return response;
  };
}
