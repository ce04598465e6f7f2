// e2e: serial (it measures the server's memory while bodies flood it)
// The edges of the request path that anyone can reach without an account:
// bodies of any size, next-auth's own endpoints, /api/* paths nothing
// handles, and the proxy's internal header sent by a client. Against the
// built server (`next start`), where Next's request proxy and next-auth run
// for real.
import { BASE_URL, PORT } from "./config";
import { flood, pidListeningOn, sendChunked } from "./body-flood";
import { expect, test } from "./fixtures";

const TEN_MB = 10 * 1024 * 1024;

test("a 10 MB chunked body is refused on every kind of route, and 20 at once cost the server little memory", async () => {
  test.setTimeout(90_000);
  const pid = pidListeningOn(PORT);
  for (const path of ["/api/tokens", "/api/auth/callback/credentials"]) {
    const result = await flood(`${BASE_URL}${path}`, pid, 20, TEN_MB);
    // The 20 bodies weigh 200 MB. Next's default holds each one (up to 10 MB) before the route's
    // own check: 263 MB more for /api/tokens. Refused at the edge, the server grows by what a busy
    // process grows anyway (heap and socket buffers: 10–41 MB seen in CI), so the bound is half
    // the bodies' weight: far from both.
    const growth = `${path}: RSS ${result.baselineMb.toFixed(0)} → ${result.peakMb.toFixed(0)} MB`;
    expect(result.growthMb, growth).toBeLessThan(100);
    expect(
      result.uploads.map((u) => u.status),
      path,
    ).toEqual(Array(20).fill(411));
  }
  // An API with its own 4 KB limit, next-auth's sign-in, a page (where server actions post), a path nobody handles.
  for (const path of ["/api/tokens", "/api/auth/callback/credentials", "/sign-in", "/api/nope", "/x.png"]) {
    expect((await sendChunked(`${BASE_URL}${path}`, TEN_MB)).status, path).toBe(411);
  }
});

test("a declared body over 64 KB is refused before it is read, with 413", async ({ request }) => {
  for (const path of ["/api/tokens", "/api/auth/callback/credentials", "/sign-in"]) {
    const response = await request.post(path, {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      data: "a=".padEnd(65 * 1024, "a"),
      maxRedirects: 0,
    });
    expect(response.status(), path).toBe(413);
  }
});

// Every endpoint next-auth 4 routes, with each method a browser or a script might use.
const NEXT_AUTH_CALLS: [string, string][] = [
  ["GET", "/api/auth/csrf"],
  ["GET", "/api/auth/providers"],
  ["GET", "/api/auth/session"],
  ["GET", "/api/auth/signin"],
  ["GET", "/api/auth/signin/credentials"],
  ["GET", "/api/auth/signout"],
  ["GET", "/api/auth/error"],
  ["GET", "/api/auth/error?error=Configuration"],
  ["GET", "/api/auth/verify-request"],
  ["GET", "/api/auth/callback/credentials"],
  ["GET", "/api/auth/callback/github"],
  // The suite's server has an OpenID Connect provider (playwright.config.ts): its two endpoints too.
  ["GET", "/api/auth/callback/oidc"],
  ["GET", "/api/auth/callback/oidc?code=forged&state=forged"],
  ["GET", "/api/auth/error?error=Callback"],
  ["GET", "/api/auth/_log"],
  ["GET", "/api/auth/nope"],
  ["GET", "/api/auth"],
  ["POST", "/api/auth/callback/credentials"],
  ["POST", "/api/auth/signin"],
  ["POST", "/api/auth/signin/credentials"],
  ["POST", "/api/auth/signin/oidc"],
  ["POST", "/api/auth/signout"],
  ["POST", "/api/auth/session"],
  ["POST", "/api/auth/_log"],
  ["POST", "/api/auth/csrf"],
  ["POST", "/api/auth/nope"],
  ["PUT", "/api/auth/session"],
  ["DELETE", "/api/auth/session"],
];

test("next-auth's endpoints, anonymous, never answer 5xx; _log and GET callback/credentials are refused", async ({
  request,
}) => {
  const answers: Record<string, number> = {};
  for (const [method, path] of NEXT_AUTH_CALLS) {
    const response = await request.fetch(path, {
      method,
      maxRedirects: 0,
      ...(method === "POST" ? { data: { level: "error", code: "E2E_FORGED_LOG_LINE", csrfToken: "x" } } : {}),
    });
    answers[`${method} ${path}`] = response.status();
  }
  for (const [call, status] of Object.entries(answers)) expect(status, call).toBeLessThan(500);
  expect(answers["POST /api/auth/_log"]).toBe(404);
  expect(answers["GET /api/auth/callback/credentials"]).toBe(405);
});

test("an /api path nothing handles answers JSON 404, signed in or not, never a redirect", async ({
  apiAs,
}) => {
  for (const client of [await apiAs(null), await apiAs("viewer")]) {
    for (const method of ["GET", "POST", "PUT", "DELETE"]) {
      const response = await client.fetch("/api/no-such-thing/here", { method, maxRedirects: 0 });
      expect(response.status(), method).toBe(404);
      expect(await response.json()).toEqual({ error: "not_found" });
    }
  }
  // The real routes still answer: the catch-all claims only what nothing else does.
  expect((await (await apiAs(null)).get("/api/me/permissions")).status()).toBe(401);
  expect((await (await apiAs("viewer")).get("/api/me/permissions")).status()).toBe(200);
});

test("a client-sent x-live-authz-path never reaches a guard, on paths that look like files too", async ({
  request,
}) => {
  for (const path of ["/admin/users/x.png", "/reports/x.txt", "/admin"]) {
    const response = await request.get(path, {
      headers: { "x-live-authz-path": "/from-the-client" },
      maxRedirects: 0,
    });
    expect(response.status(), path).toBe(307);
    const location = new URL(response.headers().location!, BASE_URL);
    expect(location.pathname, path).toBe("/sign-in");
    expect(location.searchParams.get("callbackUrl"), path).not.toBe("/from-the-client");
  }
});
