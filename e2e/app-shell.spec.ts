// e2e: on PGlite too (the event stream tells an open page of its access change)
// The signed-in shell around every page: the phone header's menu, the 404 of
// a missing user inside it, the notice when one's own access changes (from
// another browser, no reload), and one message per page: the last action's.
import type { Page } from "@playwright/test";
import { createUserInUi, mainNav, openUser, uniqueEmail } from "./admin-support";
import { expect, test } from "./fixtures";

const notices = (page: Page) => page.getByTestId("access-notices");

test("a missing user's page is a 404 inside the shell: header, admin sections and a way back", async ({
  signedInAs,
}) => {
  const page = await signedInAs("admin");
  const response = await page.goto("/admin/users/no-such-user");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(mainNav(page).getByRole("link", { name: "Admin" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Users" }),
  ).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "Go to the home page" }).click();
  await expect(page.getByRole("heading", { name: /Signed in as/ })).toBeVisible();
});

test("on a phone the header folds into a menu: aria-expanded, Escape closes it, a link closes it", async ({
  signedInAs,
}) => {
  const page = await signedInAs("admin");
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  const menu = page.getByRole("button", { name: "Menu" });
  const reports = mainNav(page).getByRole("link", { name: "Reports" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(reports).toBeHidden();
  // The closed header is one compact row.
  expect((await page.getByRole("banner").boundingBox())!.height).toBeLessThan(64);

  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(reports).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  await reports.focus();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
  await expect(reports).toBeHidden();

  await menu.click();
  await reports.click();
  await expect(page).toHaveURL(/\/reports$/);
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(reports).toBeHidden();
});

test("on a phone the organization menu opens inside the screen, whatever the email's length", async ({
  signedInAs,
}) => {
  const page = await signedInAs("mia@example.com");
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("button", { name: /Active organization/ }).click();
  const menu = page.locator("#organization-menu");
  await expect(menu.getByRole("button", { name: "Globex" })).toBeVisible();
  const box = (await menu.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(360);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test("the user is told, on the page they have open, when an admin grants or removes their access", async ({
  signedInAs,
}) => {
  const admin = await signedInAs("admin");
  const email = uniqueEmail("noticed");
  await createUserInUi(admin, { email, name: "Nina Noticed", role: "Viewer" });
  const user = await signedInAs(email);
  await user.goto("/");
  await expect(notices(user)).toHaveAttribute("aria-live", "polite");
  await expect(notices(user)).toHaveText("");

  await openUser(admin, email, "Nina Noticed");
  const add = admin.getByRole("form", { name: "Add a role" });
  await add.getByLabel("Role", { exact: true }).selectOption({ label: "Editor" });
  await add.getByRole("button", { name: "Add role" }).click();
  await expect(add.getByRole("status")).toHaveText("Editor granted to Nina Noticed.");

  // No reload and no navigation: the change is pushed to the open page.
  await expect(notices(user)).toContainText("You can now open Reports.", { timeout: 15_000 });
  await expect(mainNav(user).getByRole("link", { name: "Reports" })).toBeVisible();

  await admin.getByRole("button", { name: "Remove Editor" }).click();
  await admin.getByRole("button", { name: "Yes, remove" }).click();
  await expect(admin.getByText("Editor removed from Nina Noticed.")).toBeVisible();
  // A message belongs to the last action only: the grant's is gone.
  await expect(add.getByRole("status")).toHaveText("");

  await expect(notices(user)).toContainText("Your access to Reports was removed by an administrator.", {
    timeout: 15_000,
  });
  await expect(mainNav(user).getByRole("link", { name: "Reports" })).toHaveCount(0);
  // The removal replaced the grant's notice; dismissed by hand, it goes before its time.
  await expect(notices(user).getByRole("button", { name: "Dismiss" })).toHaveCount(1);
  await notices(user).getByRole("button", { name: "Dismiss" }).click();
  await expect(notices(user)).toHaveText("");
});

test("the favicon: every page links one that loads, and /favicon.ico is no 404", async ({ anonymous }) => {
  const page = await anonymous();
  await page.goto("/sign-in");
  const href = await page.locator('link[rel~="icon"]').first().getAttribute("href");
  expect(href).toBeTruthy();
  for (const url of [href!, "/favicon.ico"]) {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(200);
    expect(response.headers()["content-type"], url).toMatch(/^image\//);
  }
});
