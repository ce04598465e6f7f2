// Every page, visited once per colour scheme: on a desktop in the light
// scheme, and on a small phone (360×740) in the dark one. Each visit checks
// that axe finds nothing serious, that the browser logged no error (a missing
// favicon included), and, on the phone, that nothing scrolls sideways. The
// pages come from the page table (lib/navigation.ts), plus the sign-in page,
// the account pages a visitor opens and the in-app 404, so a new page is
// covered without touching this file.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { PAGES, type PageRoute } from "@/lib/navigation";
import { expect, test } from "./fixtures";

const VISITS = [
  { name: "desktop, light", viewport: { width: 1280, height: 800 }, colorScheme: "light" },
  { name: "phone, dark", viewport: { width: 360, height: 740 }, colorScheme: "dark" },
] as const;

/** An id no user has: the user page's 404, inside the signed-in shell. */
const MISSING_USER = "/admin/users/no-such-user";

/** Errors the browser logs while a page loads: console errors, uncaught exceptions, failed requests. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`exception: ${error.message}`));
  page.on("response", (response) => {
    // The page's own status is the test's business (a 404 page answers 404); anything it loads must work.
    const own = response.request().isNavigationRequest() && response.request().frame() === page.mainFrame();
    if (!own && response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  return errors;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** How far the page reaches past the window's right edge, in CSS pixels (0: no sideways scroll). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

for (const visit of VISITS) {
  test(`every page, ${visit.name}: axe clean, no browser errors${visit.viewport.width < 400 ? ", no sideways scroll" : ""}`, async ({
    signedInAs,
    anonymous,
    pageUrls,
  }) => {
    // Fifteen pages, each analysed by axe, on a busy 2-core machine.
    test.setTimeout(150_000);
    const admin = await signedInAs("admin");
    const visitor = await anonymous();
    const urls = [
      ...(Object.keys(PAGES) as PageRoute[]).map((route) => ({
        page: admin,
        url: pageUrls[route],
        status: 200,
      })),
      { page: admin, url: MISSING_USER, status: 404 },
      { page: visitor, url: "/sign-in", status: 200 },
      // The account pages a visitor opens: the sign-up form (the e2e server runs AUTH_SIGN_UP=open),
      // and the answer of a link that cannot be used, for an invitation and a sign-up.
      { page: visitor, url: "/sign-up", status: 200 },
      { page: visitor, url: `/invitations/${"A".repeat(43)}`, status: 200 },
      { page: visitor, url: `/sign-up/${"A".repeat(43)}`, status: 200 },
    ];
    expect(urls.length).toBeGreaterThan(2);
    const errors = new Map([admin, visitor].map((p) => [p, collectErrors(p)]));
    for (const p of [admin, visitor]) {
      await p.setViewportSize(visit.viewport);
      await p.emulateMedia({ colorScheme: visit.colorScheme });
    }

    for (const { page, url, status } of urls) {
      const log = errors.get(page)!;
      log.length = 0;
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(status);
      expect(await seriousViolations(page), `axe on ${url}`).toEqual([]);
      if (visit.viewport.width < 400)
        expect(await sidewaysOverflow(page), `sideways scroll on ${url}`).toBe(0);
      // A 404 page's own status is logged by the browser as a failed resource; nothing else may be.
      const unexpected = log.filter((e) => !(status === 404 && e.includes("status of 404")));
      expect(unexpected, `browser errors on ${url}`).toEqual([]);
    }
  });
}
