// Switches the session's active organization: 200 with the same body as GET
// /api/me/permissions and a re-issued session cookie (a bearer client gets a
// new access token in X-Access-Token instead); 404 and no change for an
// organization the user may not enter (not a member, not a platform admin).
import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import {
  ACCESS_TOKEN_HEADER,
  jsonError,
  SIGN_IN_REQUIRED,
  sessionCookieName,
  sessionCookieOptions,
  switchOrganization,
  withUser,
} from "@/lib/auth";
import { switchOrganizationSchema } from "@/lib/validations/organization";
import { permissionsBody } from "../permissions/body";

export const dynamic = "force-dynamic";

const NOT_FOUND = "No such organization among yours.";

export const PUT = withUser(async (req) => {
  const body: unknown = await req.json().catch(() => null);
  const parsed = switchOrganizationSchema.safeParse(body);
  if (!parsed.success) return jsonError(422, 'Send JSON { "slug": "<organization slug>" }.');
  const outcome = await switchOrganization(req, parsed.data.slug);
  if (outcome.kind === "signed-out") return jsonError(401, SIGN_IN_REQUIRED);
  if (outcome.kind === "not-found") return jsonError(404, NOT_FOUND);
  const response = NextResponse.json(await permissionsBody(outcome.user), {
    headers: { "Cache-Control": "no-store" },
  });
  if (outcome.accessToken) response.headers.set(ACCESS_TOKEN_HEADER, outcome.accessToken);
  if (outcome.cookie) {
    const { secureCookies } = env();
    response.cookies.set(sessionCookieName(secureCookies), outcome.cookie.value, {
      ...sessionCookieOptions(secureCookies),
      maxAge: outcome.cookie.maxAge,
    });
  }
  return response;
});
