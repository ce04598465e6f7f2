// Signs in the way a script would, through next-auth's own API: fetch a CSRF
// token (and its cookie), post the credentials, keep the session cookie.
// A member of acme: the route reads her organization's rows, as a tenant's request does.
export const BENCH_USER = { email: "ann@acme.example.com", password: "demo1234" };
export const BENCH_ROUTE = "/api/reports";

const SESSION_COOKIE = "next-auth.session-token";

/** "name=value" pairs of Set-Cookie headers, ready for a Cookie header. */
function cookiePairs(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
}

/** Returns the Cookie header value that authenticates as BENCH_USER. */
export async function signIn(baseUrl: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookiePairs(csrf).join("; "),
    },
    body: new URLSearchParams({ csrfToken, ...BENCH_USER, json: "true" }),
  });
  const session = cookiePairs(response).find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
  if (!session) throw new Error(`sign-in as ${BENCH_USER.email} failed (HTTP ${response.status})`);
  return session;
}

/** The Authorization header of a token client signed in as BENCH_USER (POST /api/tokens). */
export async function signInForToken(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(BENCH_USER),
  });
  const body = (await response.json()) as { accessToken?: string };
  if (!body.accessToken)
    throw new Error(`token sign-in as ${BENCH_USER.email} failed (HTTP ${response.status})`);
  return `Bearer ${body.accessToken}`;
}

/** One request before the load: a run that would measure 401s or 403s stops here. */
export async function assertAuthorized(baseUrl: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(`${baseUrl}${BENCH_ROUTE}`, { headers });
  if (response.status !== 200)
    throw new Error(`GET ${BENCH_ROUTE} as ${BENCH_USER.email} answered ${response.status}, not 200`);
}
