import { expect, test } from "@playwright/test";
import { adminPage, adminPageRoutes, adminPageUrls, mainNav } from "./admin-support";
import { type Persona, storageStatePath } from "./config";
import { expectSignInPage } from "./support";

// Every admin page in the code (app/(app)/admin/**/page.tsx), with real ids.
let urls: string[] = [];

test.beforeAll(async ({ browser }) => {
  const { context, page } = await adminPage(browser);
  urls = await adminPageUrls(page);
  await context.close();
});

test("the pages under test are every admin page in the code", () => {
  expect(urls).toHaveLength(adminPageRoutes().length);
  expect(urls.length).toBeGreaterThanOrEqual(6);
});

for (const persona of ["viewer", "editor"] as const satisfies Persona[]) {
  test.describe(persona, () => {
    test.use({ storageState: storageStatePath(persona) });

    test(`${persona} cannot open any admin page: each shows Not allowed and no data`, async ({ page }) => {
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) {
        await page.goto(url);
        await expect(page.getByRole("heading", { name: "Not allowed" }), url).toBeVisible();
        await expect(page.getByRole("main").getByRole("table"), url).toHaveCount(0);
        await expect(page.getByRole("main").locator("form"), url).toHaveCount(0);
        await expect(page.getByRole("main"), url).not.toContainText("admin@example.com");
        await expect(page.getByRole("navigation", { name: "Admin" }), url).toHaveCount(0);
      }
    });

    test(`${persona} has no Admin link`, async ({ page }) => {
      await page.goto("/");
      await expect(mainNav(page).getByRole("link", { name: "Admin" })).toHaveCount(0);
    });
  });
}

test.describe("signed out", () => {
  test("every admin page redirects to sign-in and back", async ({ page }) => {
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      await page.goto(url);
      await expectSignInPage(page);
      expect(new URL(page.url()).searchParams.get("callbackUrl"), url).toBe(url);
    }
  });
});

test.describe("admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("admin opens every admin page; /admin opens the users list", async ({ page }) => {
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/users$/);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      await expect(page.getByRole("heading", { name: "Not allowed" }), url).toHaveCount(0);
    }
  });
});
