import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import * as validations from "@/lib/validations/admin";
import { ADMIN_ROUTES, expect, test } from "./fixtures";
import { signInByApi } from "./support";

// Hostile values in every admin page's query and route parameters, found in
// the code: a page's query parameters are the keys of the *QuerySchema its
// file parses, its route parameters the [segments] of its path. Never a 500:
// a page renders its normal state (the bad value ignored), a bad id is a 404.

/** Percent-encoded, as they travel in a URL. */
const HOSTILE: [label: string, encoded: string][] = [
  ["NUL", "a%00b"],
  ["SOH", "a%01b"],
  ["escape", "a%1Bb"],
  ["DEL", "a%7Fb"],
  ["C1 next line", encodeURIComponent("a\u0085b")],
  ["right-to-left override", encodeURIComponent("a\u202eb")],
  ["line feed", "a%0Ab"],
  ["4,000 characters", "x".repeat(4_000)],
  ["a Cyrillic look-alike", encodeURIComponent("аdmin@example.com")],
  ["full-width forms", encodeURIComponent("Ａｄｍｉｎ")],
  ["markup", encodeURIComponent("<script>alert(1)</script>")],
];

/** Percent-encoding that decodes to no text at all. */
const UNDECODABLE: [label: string, encoded: string][] = [
  ["invalid UTF-8 (a half surrogate)", "a%ED%A0%80b"],
  ["invalid UTF-8 (a lone byte)", "a%FFb"],
  ["a bare percent sign", "a%b"],
];

/** The query parameters a page reads: the keys of the *QuerySchema its file parses. */
function queryParamsOf(route: string): string[] {
  const source = readFileSync(`app/(app)${route}/page.tsx`, "utf8");
  const schemas = [...source.matchAll(/\b(\w+QuerySchema)\.parse\(/g)].map((m) => m[1]!);
  return schemas.flatMap((name) => {
    const schema = (validations as Record<string, unknown>)[name] as { shape: Record<string, unknown> };
    return Object.keys(schema.shape);
  });
}

/**
 * A page as the server renders it (after its redirects): its status, the text
 * of its first non-empty <h1>, and whether it is the not-found page. What is
 * checked (never a 500, the page's normal state) is the server's answer, so
 * no browser renders the ~300 pages loaded here.
 */
async function visit(page: Page, url: string): Promise<{ status: number; heading: string }> {
  const response = await page.request.get(url);
  const html = await response.text();
  const headings = [...html.matchAll(/<h1\b[^>]*>([\s\S]*?)<\/h1>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, "")
      .replace(/&amp;/g, "&")
      .replace(/&#x27;|&#39;/g, "'")
      .trim(),
  );
  const notFound = html.includes("Page not found");
  return { status: response.status(), heading: notFound ? "Page not found" : (headings.find(Boolean) ?? "") };
}

const routes = ADMIN_ROUTES;

test("the pages' parameters come from the code", () => {
  expect(queryParamsOf("/admin/users")).toEqual(["q", "role", "after", "before"]);
  expect(routes.filter((r) => r.includes("["))).toEqual([
    "/admin/organizations/[id]",
    "/admin/roles/[id]",
    "/admin/users/[id]",
  ]);
});

for (const route of routes) {
  test(`${route}: hostile parameters are never a 500`, async ({ signedInAs, pageUrls }) => {
    test.setTimeout(120_000);
    const page = await signedInAs("admin");
    const url = pageUrls[route];
    const normal = await visit(page, url);
    expect(normal.status).toBe(200);
    const title = normal.heading;
    expect(title).not.toBe("");
    expect(title).not.toBe("Not allowed");

    // Query parameters (and one the page does not know), also repeated: the page as it is without them.
    for (const key of [...queryParamsOf(route), "unknown"]) {
      for (const [label, value] of [...HOSTILE, ...UNDECODABLE, ["repeated", `a&${key}=b`] as const]) {
        const answer = await visit(page, `${url}?${key}=${value}`);
        expect(answer, `${route}?${key} ← ${label}`).toEqual({ status: 200, heading: title });
      }
    }

    // Route parameters: a hostile id names no user or role.
    if (route.includes("[")) {
      const base = route.slice(0, route.lastIndexOf("/"));
      for (const [label, value] of HOSTILE) {
        const answer = await visit(page, `${base}/${value}`);
        expect(answer, `${route} ← ${label}`).toEqual({ status: 404, heading: "Page not found" });
      }
    }
  });
}

// Next.js 16.4 itself answers 500, before any code of ours runs, when a
// dynamic segment cannot be decoded; proxy.ts answers 404 for such a path.
test("a route parameter that cannot be decoded is a 404, not a 500", async ({ signedInAs }) => {
  const page = await signedInAs("admin");
  for (const route of routes.filter((r) => r.includes("["))) {
    const base = route.slice(0, route.lastIndexOf("/"));
    for (const [label, value] of UNDECODABLE) {
      expect((await visit(page, `${base}/${value}`)).status, `${route} ← ${label}`).toBe(404);
    }
  }
});

test.describe("signed out", () => {
  test("signing in with a NUL or an override in the email is refused, never a 500", async ({ request }) => {
    for (const email of ["admin@example.com\u0000", "admin\u0000@example.com", "\u202eadmin@example.com"]) {
      const response = await signInByApi(request, email);
      expect(response.status(), JSON.stringify(email)).toBeLessThan(500);
      expect((await request.get("/api/me/permissions")).status(), JSON.stringify(email)).toBe(401);
    }
  });
});
