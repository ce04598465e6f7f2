// The header's links follow the server's claims on every client-side
// navigation, whatever page it leads to: the signed-in shell hands each
// render's claims to the browser from one place (app/(app)/@sync). Push is cut
// here, and the change comes from SQL, so only a navigation can tell the page.
import { closeSql, createThrowawayUser, grantRole, revokeRole } from "./database";
import { expect, test } from "./fixtures";
import type { Page } from "@playwright/test";

test.afterAll(closeSql);

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/** Cuts the event stream, so the page learns nothing unless it navigates. */
async function withoutPush(page: Page): Promise<void> {
  await page.route("**/api/me/events", (route) => route.abort());
}

/** Marks the document, so a full load (which would re-render the shell) shows. */
async function markDocument(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => ((window as { __sameDocument?: boolean }).__sameDocument = true));
  return () => page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument === true);
}

/** Waits until the server answers with `permission` present (or absent): the change has reached it. */
async function serverSees(page: Page, permission: string, present: boolean): Promise<void> {
  await expect
    .poll(
      async () => {
        const body = (await (await page.request.get("/api/me/permissions")).json()) as {
          permissions: string[];
        };
        return body.permissions.includes(permission);
      },
      { timeout: 10_000 },
    )
    .toBe(present);
}

test("a role granted in SQL: the next client-side navigation brings the Admin link", async ({
  signedInAs,
}) => {
  const user = await createThrowawayUser(["Editor"]);
  const page = await signedInAs(user.email);
  await withoutPush(page);
  await page.goto("/");
  await expect(mainNav(page).getByRole("link", { name: "Reports" })).toBeVisible();
  await expect(mainNav(page).getByRole("link", { name: "Admin" })).toHaveCount(0);
  const sameDocument = await markDocument(page);

  await grantRole(user.id, "Admin");
  await serverSees(page, "users.read", true);
  await mainNav(page).getByRole("link", { name: "Reports" }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await expect(mainNav(page).getByRole("link", { name: "Admin" })).toBeVisible();
  expect(await sameDocument(), "a client-side navigation, not a full load").toBe(true);
});

test("a role revoked in SQL: navigating to the refused page says why, and the header drops its link", async ({
  signedInAs,
}) => {
  const user = await createThrowawayUser(["Editor"]);
  const page = await signedInAs(user.email);
  await withoutPush(page);
  await page.goto("/");
  const sameDocument = await markDocument(page);

  await revokeRole(user.id, "Editor");
  await serverSees(page, "reports.read", false);
  await mainNav(page).getByRole("link", { name: "Reports" }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("reports.read");
  await expect(mainNav(page).getByRole("link", { name: "Reports" })).toHaveCount(0);
  expect(await sameDocument(), "a client-side navigation, not a full load").toBe(true);
});
