import { type Browser, expect, type Page, test } from "@playwright/test";
import { closeSql, createThrowawayUser, grantRole, revokeRole, sql } from "./database";
import { expectSignInPage, firstAnswer, signInByApi } from "./support";

// A user keeps the app open while their access is changed from outside the
// app, straight in the database. Once the change has reached the instance
// (milliseconds; open pages are told at once), their next request is served
// with the new permissions: no new sign-in, no lag of one request.
test.afterAll(closeSql);

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  expect((await signInByApi(context.request, email)).ok()).toBe(true);
  return context.newPage();
}

const reportsLink = (page: Page) =>
  page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" });

test("a role granted in SQL shows on the user's next navigation, and a revocation on the next request", async ({
  browser,
}) => {
  const user = await createThrowawayUser(["Viewer"]);
  const page = await signedInPage(browser, user.email);
  await page.goto("/");
  await expect(reportsLink(page)).toHaveCount(0);

  await grantRole(user.id, "Editor");
  // A client-side navigation: the page renders with the new claims, and the header follows.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
  await expect(reportsLink(page)).toBeVisible();
  await reportsLink(page).click();
  await expect(page.getByRole("table")).toBeVisible();
  await expect(page.getByRole("button", { name: "Export CSV" })).toBeVisible();

  await revokeRole(user.id, "Editor");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await expect(reportsLink(page)).toHaveCount(0);
  expect((await page.request.get("/api/reports")).status()).toBe(403);
  await page.context().close();
});

test("the very first response after a change carries the new stamp and the refreshed cookie", async ({
  browser,
}) => {
  const user = await createThrowawayUser(["Viewer"]);
  const page = await signedInPage(browser, user.email);
  const before = await page.request.get("/api/me/permissions");
  const stampBefore = Number(before.headers()["x-permissions-updated"]);

  await grantRole(user.id, "Editor");
  const after = await firstAnswer(200, () => page.request.get("/api/reports"));
  const stampAfter = Number(after.headers()["x-permissions-updated"]);
  expect(stampAfter).toBeGreaterThan(stampBefore);
  expect(after.headers()["set-cookie"]).toContain("next-auth.session-token=");
  const [row] = await sql<{ ms: string }>(
    `SELECT (extract(epoch FROM "permissionsUpdatedAt") * 1000)::bigint AS ms FROM "User" WHERE id = $1`,
    [user.id],
  );
  expect(stampAfter).toBe(Number(row!.ms));
  await page.context().close();
});

test("a grant expiring in a few seconds disappears on time, without any database write", async ({
  browser,
}) => {
  const user = await createThrowawayUser(["Viewer"]);
  const expiresAt = new Date(Date.now() + 4000);
  await grantRole(user.id, "Editor", expiresAt);
  const page = await signedInPage(browser, user.email);
  await page.goto("/reports");
  await expect(page.getByRole("table")).toBeVisible();

  // Wait for the end itself, seen by another session of the user, then reload once.
  const other = await signedInPage(browser, user.email);
  await expect
    .poll(async () => (await other.request.get("/api/reports")).status(), { timeout: 15_000 })
    .toBe(403);
  expect(Date.now()).toBeGreaterThanOrEqual(expiresAt.getTime());
  await other.context().close();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(reportsLink(page)).toHaveCount(0);
  await page.context().close();
});

test("another open tab of the same user follows a change at once, without navigating", async ({
  browser,
}) => {
  const user = await createThrowawayUser(["Viewer"]);
  const first = await signedInPage(browser, user.email);
  const second = await first.context().newPage();
  await first.goto("/");
  await second.goto("/");
  await expect(reportsLink(second)).toHaveCount(0);

  await grantRole(user.id, "Editor");
  await first.reload(); // this tab learns the new claims and tells the other tabs
  await expect(reportsLink(first)).toBeVisible();
  await expect(reportsLink(second)).toBeVisible();
  await expect(second.getByRole("list", { name: "Permissions" })).toContainText("reports.read");
  await first.context().close();
});

test("sign out everywhere sends every session of the user to the sign-in page", async ({ browser }) => {
  const user = await createThrowawayUser(["Editor"]);
  const laptop = await signedInPage(browser, user.email);
  const phone = await signedInPage(browser, user.email);
  await laptop.goto("/reports");
  await expect(laptop.getByRole("table")).toBeVisible();

  await phone.goto("/");
  await phone.getByRole("button", { name: "Sign out everywhere" }).click();
  await phone.getByRole("button", { name: "Yes, sign out everywhere" }).click();
  await expectSignInPage(phone);

  await laptop.reload();
  await expectSignInPage(laptop);
  expect((await laptop.request.get("/api/reports")).status()).toBe(401);
  await laptop.context().close();
  await phone.context().close();
});

test("a user disabled in SQL is refused on the next request and their cookie is cleared", async ({
  browser,
}) => {
  const user = await createThrowawayUser(["Editor"]);
  const page = await signedInPage(browser, user.email);
  expect((await page.request.get("/api/reports")).status()).toBe(200);
  await sql(`UPDATE "User" SET "disabledAt" = now() WHERE id = $1`, [user.id]);
  const refused = await firstAnswer(401, () => page.request.get("/api/reports"));
  expect(refused.headers()["set-cookie"]).toMatch(/next-auth\.session-token=;/);
  await page.goto("/");
  await expectSignInPage(page);
  await page.context().close();
});
