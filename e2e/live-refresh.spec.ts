import type { Page } from "@playwright/test";
import { addMembership, closeSql, createThrowawayUser, grantRole, revokeRole, sql } from "./database";
import { expect, test } from "./fixtures";
import { expectSignInPage, firstAnswer } from "./support";

// A user keeps the app open while their access is changed from outside the
// app, straight in the database. Once the change has reached the instance
// (milliseconds; open pages are told at once), their next request is served
// with the new permissions: no new sign-in, no lag of one request.
test.afterAll(closeSql);

const reportsLink = (page: Page) =>
  page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" });

test("a role granted in SQL shows on the user's next navigation, and a revocation on the next request", async ({
  signedInAs,
}) => {
  const user = await createThrowawayUser(["Viewer"]);
  // Like the demo's Vera: a Viewer of Example Co, whose reports the Editor role lets her read.
  await addMembership(user.id, "example", "Viewer");
  const page = await signedInAs(user.email);
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
});

test("the very first response after a change carries the new stamp and the refreshed cookie", async ({
  signedInAs,
}) => {
  const user = await createThrowawayUser(["Viewer"]);
  const page = await signedInAs(user.email);
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
});

test("a grant expiring in a few seconds disappears on time, without any database write", async ({
  signedInAs,
}) => {
  const user = await createThrowawayUser(["Viewer"]);
  // Long enough for signing in and loading the page while parallel workers load the machine.
  const expiresAt = new Date(Date.now() + 6_000);
  await grantRole(user.id, "Editor", expiresAt);
  const page = await signedInAs(user.email);
  await page.goto("/reports");
  await expect(page.getByRole("table")).toBeVisible();

  // Wait for the end itself, seen by another session of the user, then reload once.
  const other = await signedInAs(user.email);
  await expect
    .poll(async () => (await other.request.get("/api/reports")).status(), { timeout: 15_000 })
    .toBe(403);
  expect(Date.now()).toBeGreaterThanOrEqual(expiresAt.getTime());
  await page.reload();
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(reportsLink(page)).toHaveCount(0);
});

test("another open tab of the same user follows a change at once, without navigating", async ({
  signedInAs,
}) => {
  const user = await createThrowawayUser(["Viewer"]);
  const first = await signedInAs(user.email);
  const second = await first.context().newPage();
  await first.goto("/");
  await second.goto("/");
  await expect(reportsLink(second)).toHaveCount(0);

  await grantRole(user.id, "Editor");
  await first.reload(); // this tab learns the new claims and tells the other tabs
  await expect(reportsLink(first)).toBeVisible();
  await expect(reportsLink(second)).toBeVisible();
  await expect(second.getByRole("list", { name: "Permissions" })).toContainText("reports.read");
});

test("sign out everywhere sends every session of the user to the sign-in page", async ({ signedInAs }) => {
  const user = await createThrowawayUser(["Editor"]);
  const laptop = await signedInAs(user.email);
  const phone = await signedInAs(user.email);
  await laptop.goto("/reports");
  await expect(laptop.getByRole("table")).toBeVisible();

  await phone.goto("/profile");
  await phone.getByRole("button", { name: "Sign out everywhere" }).click();
  await phone.getByRole("button", { name: "Yes, sign out everywhere" }).click();
  await expectSignInPage(phone);

  await laptop.reload();
  await expectSignInPage(laptop);
  expect((await laptop.request.get("/api/reports")).status()).toBe(401);
});

test("a user disabled in SQL is refused on the next request and their cookie is cleared", async ({
  signedInAs,
}) => {
  const user = await createThrowawayUser(["Editor"]);
  const page = await signedInAs(user.email);
  expect((await page.request.get("/api/reports")).status()).toBe(200);
  await sql(`UPDATE "User" SET "disabledAt" = now() WHERE id = $1`, [user.id]);
  const refused = await firstAnswer(401, () => page.request.get("/api/reports"));
  expect(refused.headers()["set-cookie"]).toMatch(/next-auth\.session-token=;/);
  await page.goto("/");
  await expectSignInPage(page);
});
