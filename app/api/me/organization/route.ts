// Switches the session's active organization: 200 with the same body as GET
// /api/me/permissions and a re-issued session cookie (a bearer client gets a
// new access token in X-Access-Token instead); 404 and no change for an
// organization the user may not enter (not a member, not a platform admin).
import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { jsonError, SIGN_IN_REQUIRED, sessionCookieName, sessionCookieOptions } from "@/lib/auth";
import { readJsonBody } from "@/lib/security/json-body";
import { ACCESS_TOKEN_HEADER, withUser } from "@/lib/sessions";
import { switchOrganization } from "@/lib/tenancy";
import { switchOrganizationSchema } from "@/lib/validations/organization";
import { permissionsBody } from "../permissions/body";

export const dynamic = "force-dynamic";

const NOT_FOUND = "No such organization among yours.";

export const PUT = withUser(async (req) => {
  const body = await readJsonBody(req);
  if (!body.ok) return jsonError(body.status, 'Send JSON { "slug": "<organization slug>" } (at most 4 KB).');
  const parsed = switchOrganizationSchema.safeParse(body.value);
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
