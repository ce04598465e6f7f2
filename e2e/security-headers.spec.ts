import type { APIResponse, Page, Response } from "@playwright/test";
import { PASSWORD, PERSONAS } from "./config";
import { expect, test } from "./fixtures";

// Every page, signed out and as the admin, in Chromium: the security headers
// are there, and the Content-Security-Policy (scripts only with the request's
// nonce) blocks nothing the app itself needs. Any console error or
// `securitypolicyviolation` event fails the test.

type Headers = Record<string, string>;

function expectSecurityHeaders(headers: Headers, where: string) {
  const csp = headers["content-security-policy"] ?? "";
  const directives = new Map(
    csp.split(";").map((d) => {
      const [name = "", ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  const scripts = directives.get("script-src") ?? [];
  expect(scripts, `${where}: script-src`).toEqual(
    expect.arrayContaining(["'strict-dynamic'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/]{22}==?'$/)]),
  );
  expect(scripts, `${where}: no inline or eval scripts`).not.toEqual(
    expect.arrayContaining([expect.stringMatching(/unsafe-inline|unsafe-eval/)]),
  );
  expect(directives.get("frame-ancestors"), where).toEqual(["'none'"]);
  expect(directives.get("object-src"), where).toEqual(["'none'"]);
  expect(headers["x-frame-options"], where).toBe("DENY");
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  // The e2e server runs on plain http: no HSTS (lib/security unit tests cover https).
  expect(headers["strict-transport-security"], where).toBeUndefined();
}

/** Console errors and CSP violations of the page, collected from the first script on. */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
    });
  });
  page.on("console", (message) => {
    if (
      message.type() === "error" ||
      message.type() === "warning" ||
      /Content.Security.Policy/i.test(message.text())
    )
      problems.push(`${page.url()}: [${message.type()}] ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`${page.url()}: ${response.status()} for ${response.url()}`);
  });
  return problems;
}

/** Opens `url`, checks its headers, and waits until the app's scripts have run (hydration). */
async function visit(page: Page, url: string): Promise<Response> {
  const stream = page.waitForRequest("**/api/me/events", { timeout: 20_000 }); // opened by client code
  const response = await page.goto(url);
  expect(response, url).not.toBeNull();
  expectSecurityHeaders(await response!.allHeaders(), url);
  await stream;
  return response!;
}

test("every page works with the CSP and no violation, and carries the security headers", async ({
  page,
  pageUrls,
}) => {
  test.setTimeout(120_000);
  const problems = await watch(page);

  const signIn = await page.goto("/sign-in");
  expectSecurityHeaders(await signIn!.allHeaders(), "/sign-in");
  // Signing in goes through next-auth's client code: it only works if the page's scripts ran.
  await page.getByLabel("Email").fill(PERSONAS.admin.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: `Signed in as ${PERSONAS.admin.name}` })).toBeVisible();

  const urls = Object.values(pageUrls); // every page of the page table, ids filled in
  expect(urls.length).toBeGreaterThan(6);
  const nonces = new Set<string>();
  for (const url of urls) {
    const response = await visit(page, url);
    expect(response.status(), url).toBe(200);
    nonces.add((await response.headerValue("content-security-policy"))!.match(/'nonce-([^']+)'/)![1]!);
  }
  expect(nonces.size, "a fresh nonce on every response").toBe(urls.length);

  // A page that does not exist renders per request too, so its scripts carry the nonce.
  const missing = await page.goto("/no-such-page");
  expect(missing!.status()).toBe(404);
  expectSecurityHeaders(await missing!.allHeaders(), "/no-such-page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  // A server action and a client-side navigation still work under the policy.
  await visit(page, "/admin/roles");
  const name = `CSP check ${Date.now().toString(36)}`;
  const create = page.getByRole("form", { name: "Create role" });
  await create.getByLabel("Name").fill(name);
  await create.getByRole("button", { name: "Create role" }).click();
  await expect(create.getByRole("status")).toHaveText(
    `Created the role ${name}. Give it permissions in the matrix.`,
  );
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { name: "Reports" })).toBeVisible();

  const expected404 = (p: string) => p.includes("/no-such-page") && /404/.test(p);
  expect(problems.filter((p) => !expected404(p))).toEqual([]);
});

test("responses the proxy never sees carry the static headers", async ({ request, page }) => {
  const check = (response: APIResponse, where: string) => {
    const headers = response.headers();
    expect(headers["x-frame-options"], where).toBe("DENY");
    expect(headers["x-content-type-options"], where).toBe("nosniff");
    expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  };
  const csrf = await request.get("/api/auth/csrf");
  check(csrf, "/api/auth/csrf");
  expect(csrf.headers()["content-security-policy"]).toContain("default-src 'none'");
  await page.goto("/sign-in");
  const script = await page.locator("script[src^='/_next/static/']").first().getAttribute("src");
  check(await request.get(script!), script!);
});
