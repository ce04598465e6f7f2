// What every peer answers for "may this user read reports": 401 without a
// session, 403 without the permission, 200 with it. Cookies the library
// re-issued go back with the answer, as they would to a browser.
export const PERMISSION = "reports.read";

export type Decision = { status: 200 | 401 | 403; setCookies?: string[] };

export function decide(permissions: readonly string[] | null, setCookies?: string[]): Decision {
  if (permissions === null) return { status: 401, setCookies };
  return { status: permissions.includes(PERMISSION) ? 200 : 403, setCookies };
}

export function toResponse({ status, setCookies = [] }: Decision): Response {
  const headers = new Headers({ "cache-control": "no-store" });
  for (const cookie of setCookies) headers.append("set-cookie", cookie);
  const body = { 200: "allowed", 401: "no session", 403: "forbidden" }[status];
  return Response.json({ status: body }, { status, headers });
}
