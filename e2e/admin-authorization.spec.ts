import { mayOpen, PAGES } from "@/lib/navigation";
import { adminPageRoutes, mainNav } from "./admin-support";
import { PERSONAS, type Persona } from "./config";
import { ADMIN_ROUTES, expect, test } from "./fixtures";
import { expectSignInPage } from "./support";

// Every admin page in the code (app/(app)/admin/**/page.tsx), with real ids,
// as each demo user who may not use the dashboard (from the seed), the admin,
// and a visitor who is signed out.
const personas = Object.keys(PERSONAS) as Persona[];
const outsiders = personas.filter((p) => !mayOpen(PERSONAS[p].permissions, PAGES["/admin"]));

test("the pages under test are every admin page in the code", () => {
  expect([...ADMIN_ROUTES].sort()).toEqual(adminPageRoutes());
  expect(ADMIN_ROUTES.length).toBeGreaterThanOrEqual(6);
  expect(outsiders.length).toBeGreaterThan(0);
});

for (const persona of outsiders) {
  test.describe(persona, () => {
    test(`${persona} cannot open any admin page: each shows Not allowed and no data`, async ({
      signedInAs,
      pageUrls,
    }) => {
      const page = await signedInAs(persona);
      for (const url of ADMIN_ROUTES.map((route) => pageUrls[route])) {
        await page.goto(url);
        await expect(page.getByRole("heading", { name: "Not allowed" }), url).toBeVisible();
        await expect(page.getByRole("main").getByRole("table"), url).toHaveCount(0);
        await expect(page.getByRole("main").locator("form"), url).toHaveCount(0);
        await expect(page.getByRole("main"), url).not.toContainText(PERSONAS.admin.email);
        await expect(page.getByRole("navigation", { name: "Admin" }), url).toHaveCount(0);
      }
    });

    test(`${persona} has no Admin link`, async ({ signedInAs }) => {
      const page = await signedInAs(persona);
      await page.goto("/");
      await expect(mainNav(page).getByRole("link", { name: "Admin" })).toHaveCount(0);
    });
  });
}

test.describe("signed out", () => {
  test("every admin page redirects to sign-in and back", async ({ anonymous, pageUrls }) => {
    const page = await anonymous();
    for (const url of ADMIN_ROUTES.map((route) => pageUrls[route])) {
      await page.goto(url);
      await expectSignInPage(page);
      expect(new URL(page.url()).searchParams.get("callbackUrl"), url).toBe(url);
    }
  });
});

test.describe("admin", () => {
  test("admin opens every admin page; /admin opens the users list", async ({ signedInAs, pageUrls }) => {
    const page = await signedInAs("admin");
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/users$/);
    for (const url of ADMIN_ROUTES.map((route) => pageUrls[route])) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      await expect(page.getByRole("heading", { name: "Not allowed" }), url).toHaveCount(0);
    }
  });
});
