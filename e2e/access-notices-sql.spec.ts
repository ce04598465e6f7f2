// The access notice for a change nobody made in the app: a role granted and
// then removed in SQL reaches the user's open page (through the database's
// NOTIFY and the event stream) with a notice, on a page that was refusing them.
// PostgreSQL only (the SQL comes from outside the server); the same notice
// for a change made in the admin's browser: e2e/app-shell.spec.ts.
import { closeSql, createThrowawayUser, grantRole, revokeRole } from "./database";
import { expect, test } from "./fixtures";

test.afterAll(closeSql);

test("a role granted, then removed, in SQL: the open page says so each time, without a reload", async ({
  signedInAs,
}) => {
  const { id, email } = await createThrowawayUser(["Viewer"]);
  const page = await signedInAs(email);
  await page.goto("/reports");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  const notices = page.getByTestId("access-notices");

  await grantRole(id, "Editor");
  await expect(notices).toContainText("You can now open Reports.", { timeout: 15_000 });
  // The refusal gives way to the page itself.
  await expect(page.getByRole("heading", { name: "Not allowed" })).toHaveCount(0);
  await page.getByRole("link", { name: "Open it" }).click();
  await expect(page.getByRole("table")).toBeVisible();

  await revokeRole(id, "Editor");
  await expect(notices).toContainText("Your access to Reports was removed by an administrator.", {
    timeout: 15_000,
  });
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
});

test("a grant, then its removal: one notice about Reports stands, the latest", async ({ signedInAs }) => {
  const { id, email } = await createThrowawayUser(["Viewer"]);
  const page = await signedInAs(email);
  await page.goto("/");
  const reportsNotices = page.getByTestId("access-notices").locator("> *").filter({ hasText: "Reports" });

  await grantRole(id, "Editor");
  await expect(reportsNotices).toHaveText([/You can now open Reports\./], { timeout: 15_000 });
  await revokeRole(id, "Editor");
  // The removal replaces the grant's notice; it does not stand beside it.
  await expect(reportsNotices).toHaveText([/Your access to Reports was removed/], { timeout: 15_000 });
});
